using Interdict.Model;
using Interdict.Sources;
using Interdict.Sources.Ofac;

namespace Interdict.Tests.Sources.Ofac;

public class OfacCsvParserTests : IClassFixture<OfacCsvFixture>
{
    private readonly OfacCsvFixture _data;

    public OfacCsvParserTests(OfacCsvFixture data) => _data = data;

    [Fact]
    public void Is_registered_in_the_catalog_as_ofac_csv()
    {
        var parser = ListCatalog.CreateParser("ofac-csv");
        Assert.IsType<OfacCsvParser>(parser);
        Assert.Equal("ofac-csv", parser!.Format);
    }

    [Fact]
    public void Sdn_2023_12_28_yields_one_entity_per_sdn_row()
    {
        var set = _data.Sdn2023;
        Assert.Equal(13821, set.Entities.Count);
        Assert.Equal(13821, set.ById.Count);
        Assert.Empty(set.Context.Warnings);
        Assert.All(set.Entities, e => Assert.StartsWith("ofac-sdn:", e.Id, StringComparison.Ordinal));

        // Kinds as counted in the SDN_Type column of the file.
        Assert.Equal(6646, set.Entities.Count(e => e.Kind == EntityKind.Person));
        Assert.Equal(6033, set.Entities.Count(e => e.Kind == EntityKind.Organization));
        Assert.Equal(764, set.Entities.Count(e => e.Kind == EntityKind.Vessel));
        Assert.Equal(378, set.Entities.Count(e => e.Kind == EntityKind.Aircraft));

        // alt.csv has 17,091 rows: every one becomes a strong alias.
        Assert.Equal(17091, set.Entities.Sum(e => e.Names.Count(n => n.Type != NameType.Primary && n.Strength == AliasStrength.Strong)));
    }

    [Fact]
    public void Sdn_2021_07_yields_one_entity_per_sdn_row()
    {
        var set = _data.Sdn2021;
        Assert.Equal(8976, set.Entities.Count);
        Assert.Empty(set.Context.Warnings);
        Assert.Equal(11910, set.Entities.Sum(e => e.Names.Count(n => n.Type != NameType.Primary && n.Strength == AliasStrength.Strong)));
        Assert.Equal("ofac-sdn:32391", set.Entities.MaxBy(e => int.Parse(e.NativeId, System.Globalization.CultureInfo.InvariantCulture))!.Id);
    }

    [Fact]
    public void Cons_2025_12_yields_one_entity_per_cons_prim_row()
    {
        var set = _data.Cons2025;
        Assert.Equal(442, set.Entities.Count);
        Assert.Equal(79, set.Entities.Count(e => e.Kind == EntityKind.Person));
        Assert.Equal(363, set.Entities.Count(e => e.Kind == EntityKind.Organization));
        Assert.All(set.Entities, e => Assert.StartsWith("ofac-cons:", e.Id, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("history/sdn-2021-08-18.csv", 9083)]
    [InlineData("history/sdn-2022-02-23.csv", 9121)]
    [InlineData("history/sdn-2022-02-25.csv", 9214)]
    [InlineData("history/sdn-2022-02-26.csv", 9218)]
    [InlineData("history/sdn-2022-03-04.csv", 9318)]
    [InlineData("history/sdn-2022-03-15.csv", 9377)]
    [InlineData("history/sdn-2023-12-28.csv", 13821)]
    [InlineData("history/sdn-2024-05-03.csv", 14965)]
    public void History_snapshots_parse_on_their_own(string file, int rows)
    {
        var set = OfacCsvFixture.Parse([SourceInput.FromPath(TestPaths.Data(file))], "ofac-sdn");
        Assert.Equal(rows, set.Entities.Count);
    }

    [Fact]
    public void Putin_first_appears_in_the_2022_02_26_snapshot()
    {
        var before = OfacCsvFixture.Parse([SourceInput.FromPath(TestPaths.Data("history/sdn-2022-02-25.csv"))], "ofac-sdn");
        var after = OfacCsvFixture.Parse([SourceInput.FromPath(TestPaths.Data("history/sdn-2022-02-26.csv"))], "ofac-sdn");
        Assert.False(before.ById.ContainsKey("35096"));

        var putin = after["35096"];
        Assert.Equal("PUTIN, Vladimir Vladimirovich", putin.PrimaryName.Full);
        Assert.Equal("PUTIN", putin.PrimaryName.Family);
        Assert.Equal("Vladimir Vladimirovich", putin.PrimaryName.Given);
        Assert.Equal(["RUSSIA-EO14024"], putin.Programs);
        Assert.Equal(new PartialDate(1952, 10, 7), Assert.Single(putin.BirthDates).From);
        Assert.Equal(["Leningrad, Russia"], putin.BirthPlaces);
        Assert.Equal(["RU"], putin.Nationalities);
        Assert.Equal(["RU"], putin.Citizenships);
        Assert.Equal(["President of the Russian Federation"], putin.Titles);
    }

    [Fact]
    public void Maduro_22790()
    {
        var e = _data.Sdn2023["22790"];
        Assert.Equal("ofac-sdn:22790", e.Id);
        Assert.Equal("ofac-sdn", e.ListId);
        Assert.Equal(EntityKind.Person, e.Kind);
        var name = Assert.Single(e.Names);
        Assert.Equal("MADURO MOROS, Nicolas", name.Full);
        Assert.Equal(NameType.Primary, name.Type);
        Assert.Equal("MADURO MOROS", name.Family);
        Assert.Equal("Nicolas", name.Given);

        var dob = Assert.Single(e.BirthDates);
        Assert.Equal(new PartialDate(1962, 11, 23), dob.From);
        Assert.Equal(DatePrecision.Day, dob.From.Precision);
        Assert.False(dob.IsRange);
        Assert.Equal(["Caracas, Venezuela"], e.BirthPlaces);
        Assert.Equal(["VE"], e.Citizenships);
        Assert.Empty(e.Nationalities);
        Assert.Equal(Gender.Male, e.Gender);

        var cedula = Assert.Single(e.Identifiers);
        Assert.Equal(IdentifierKind.NationalId, cedula.Kind);
        Assert.Equal("Cedula No.", cedula.Label);
        Assert.Equal("5892464", cedula.Value);
        Assert.Equal("VE", cedula.Country);
        Assert.Equal("Venezuela", cedula.CountryName);

        Assert.Equal(["VENEZUELA", "IRAN-CON-ARMS-EO"], e.Programs);
        Assert.Equal(["President of the Bolivarian Republic of Venezuela"], e.Titles);
        Assert.Equal(
            "DOB 23 Nov 1962; POB Caracas, Venezuela; citizen Venezuela; Gender Male; Cedula No. 5892464 (Venezuela); President of the Bolivarian Republic of Venezuela.",
            e.Remarks);

        var address = Assert.Single(e.Addresses);
        Assert.Empty(address.Lines);
        Assert.Equal("Caracas, Capital District", address.City);
        Assert.Equal("VE", address.Country);
        Assert.Equal("Venezuela", address.CountryName);

        Assert.Null(e.Vessel);
        Assert.Null(e.Aircraft);
        Assert.Equal([new KeyValuePair<string, string>("Remark", "President of the Bolivarian Republic of Venezuela.")], e.Other);
    }

    [Fact]
    public void Vessel_ebano_4243_with_imo_flag_and_former_names()
    {
        var e = _data.Sdn2023["4243"];
        Assert.Equal(EntityKind.Vessel, e.Kind);
        Assert.Equal("EBANO", e.PrimaryName.Full);
        Assert.Null(e.PrimaryName.Family);
        Assert.Equal(["CUBA"], e.Programs);

        var v = Assert.IsType<VesselInfo>(e.Vessel);
        Assert.Null(v.CallSign);
        Assert.Equal("General Cargo", v.Type);
        Assert.Equal("2595", v.Tonnage);
        Assert.Equal("1865", v.GrossRegisteredTonnage);
        Assert.Equal("PA", v.Flag);
        Assert.Equal("Panama", v.FlagName);
        Assert.Null(v.Owner);

        var imo = Assert.Single(e.Identifiers);
        Assert.Equal(IdentifierKind.Imo, imo.Kind);
        Assert.Equal("Vessel Registration Identification IMO", imo.Label);
        Assert.Equal("7406784", imo.Value);

        // f.k.a. names in the remarks are OFAC's weak aliases.
        Assert.Equal(3, e.Names.Count);
        Assert.Equal(("ANA I", NameType.Fka, AliasStrength.Weak), (e.Names[1].Full, e.Names[1].Type, e.Names[1].Strength));
        Assert.Equal(("SAND SWAN", NameType.Fka, AliasStrength.Weak), (e.Names[2].Full, e.Names[2].Type, e.Names[2].Strength));

        // add.csv row 4243 is all -0-: no address.
        Assert.Empty(e.Addresses);
    }

    [Fact]
    public void Digital_currency_addresses_of_yan_xiaobing_25308()
    {
        var e = _data.Sdn2023["25308"];
        var wallets = e.Identifiers.Where(i => i.Kind == IdentifierKind.DigitalCurrencyAddress).ToList();
        Assert.Equal(6, wallets.Count);
        Assert.All(wallets, w => Assert.Equal("XBT", w.Currency));
        Assert.All(wallets, w => Assert.Equal("Digital Currency Address - XBT", w.Label));
        Assert.Equal("12QtD5BFwRsdNsAZY76UVE1xyCGNTojH9h", wallets[0].Value);
        Assert.Equal("1JREJdZupiFhE7ZzQPtASuMCvvpXC7wRsC", wallets[5].Value);

        var card = e.Identifiers.Single(i => i.Label == "Citizen's Card Number");
        Assert.Equal(("421002197703250019", "CN", IdentifierKind.NationalId), (card.Value, card.Country, card.Kind));
        var code = e.Identifiers.Single(i => i.Label == "Chinese Commercial Code");
        Assert.Equal("7346 2556 0365", code.Value);

        Assert.Equal(["SDNTK"], e.Programs);
        Assert.Equal(["CN"], e.Citizenships);
        Assert.Equal(new PartialDate(1977, 3, 25), Assert.Single(e.BirthDates).From);
        Assert.Equal(["YAN, Xiaobing", "ZHOU, William", "YAN, Steven"], e.Names.Select(n => n.Full));
        Assert.Equal(AliasStrength.Weak, e.Names[1].Strength);
        Assert.Equal(NameType.Aka, e.Names[1].Type);

        var address = Assert.Single(e.Addresses);
        Assert.Equal(("Wuhan, Hubei", "CN"), (address.City, address.Country));
    }

    [Fact]
    public void Several_birth_dates_of_nasrallah_2686()
    {
        var e = _data.Sdn2023["2686"];
        Assert.Equal(
            [new PartialDate(1960, 8, 31), new PartialDate(1953, 8, 31), new PartialDate(1955, 8, 31), new PartialDate(1958, 8, 31)],
            e.BirthDates.Select(d => d.From));
        Assert.Equal(["Al Basuriyah, Lebanon"], e.BirthPlaces);
        Assert.Equal(["SDGT", "SYRIA"], e.Programs);
        Assert.Equal(["Secretary General of Hizballah"], e.Titles);

        var passport = Assert.Single(e.Identifiers);
        Assert.Equal((IdentifierKind.Passport, "042833", "LB"), (passport.Kind, passport.Value, passport.Country));

        var link = Assert.Single(e.Links);
        Assert.Equal(("Linked To", "HIZBALLAH"), (link.Relation, link.TargetName));

        Assert.Contains(new KeyValuePair<string, string>("Additional Sanctions Information", "Subject to Secondary Sanctions Pursuant to the Hizballah Financial Sanctions Regulations"), e.Other);
        Assert.Contains(new KeyValuePair<string, string>("Remark", "Secretary General of Hizballah"), e.Other);

        var alias = e.Names[1];
        Assert.Equal(("NASRALLAH, Hasan Abd-al-Karim", NameType.Aka, AliasStrength.Strong), (alias.Full, alias.Type, alias.Strength));
        Assert.Equal(("NASRALLAH", "Hasan Abd-al-Karim"), (alias.Family, alias.Given));

        var address = Assert.Single(e.Addresses);
        Assert.Equal(("LB", "Lebanon"), (address.Country, address.CountryName));
        Assert.Null(address.City);
    }

    [Fact]
    public void Year_only_birth_dates_and_weak_aliases_of_al_masri_6367()
    {
        var e = _data.Sdn2023["6367"];
        Assert.Equal(["1951", "1956", "1944"], e.BirthDates.Select(d => d.From.ToString()));
        Assert.All(e.BirthDates, d => Assert.Equal(DatePrecision.Year, d.From.Precision));
        Assert.All(e.BirthDates, d => Assert.False(d.Approximate));

        Assert.Equal(
            ["AL-MASRI, Abu Hafs", "ABDULLAH, Sheikh Taysir", "ATEF, Muhammad", "EL KHABIR, Abu Hafs el Masry", "ATIF, Muhammad", "ABU SITTA, Subhi", "ATIF, Mohamed", "TAYSIR", "ABU HAFS"],
            e.Names.Select(n => n.Full));
        Assert.Equal(6, e.Names.Count(n => n.Strength == AliasStrength.Strong && n.Type == NameType.Aka));
        Assert.Equal(["TAYSIR", "ABU HAFS"], e.Names.Where(n => n.Strength == AliasStrength.Weak).Select(n => n.Full));
        Assert.Empty(e.Addresses);
    }

    [Fact]
    public void Addresses_and_aliases_of_banco_nacional_de_cuba_306()
    {
        var e = _data.Sdn2023["306"];
        Assert.Equal(EntityKind.Organization, e.Kind);
        Assert.Equal(["BANCO NACIONAL DE CUBA", "NATIONAL BANK OF CUBA", "BNC"], e.Names.Select(n => n.Full));
        Assert.Equal(AliasStrength.Strong, e.Names[1].Strength);
        Assert.Equal(AliasStrength.Weak, e.Names[2].Strength);

        Assert.Equal(4, e.Addresses.Count);
        Assert.Equal(["Zweierstrasse 35"], e.Addresses[0].Lines);
        Assert.Equal(("Zurich CH-8022", "CH", "Switzerland"), (e.Addresses[0].City, e.Addresses[0].Country, e.Addresses[0].CountryName));
        Assert.Equal(("Madrid E-28036", "ES"), (e.Addresses[1].City, e.Addresses[1].Country));
        Assert.Equal(["Dai-Ichi Bldg. 6th Floor, 10-2 Nihombashi, 2-chome, Chuo-ku"], e.Addresses[2].Lines);
        Assert.Equal(("Tokyo 103", "JP"), (e.Addresses[2].City, e.Addresses[2].Country));
        Assert.Equal(("Panama City", "PA"), (e.Addresses[3].City, e.Addresses[3].Country));
    }

    [Fact]
    public void Formerly_known_as_names_from_alt_csv()
    {
        var e = _data.Sdn2023["4642"];
        var fkas = e.Names.Where(n => n.Type == NameType.Fka).Select(n => n.Full).ToList();
        Assert.Contains("IRAN OVERSEAS INVESTMENT BANK PLC", fkas);
        Assert.Contains("IRAN OVERSEAS INVESTMENT CORPORATION LIMITED", fkas);
        Assert.Contains("IRAN OVERSEAS INVESTMENT BANK LIMITED", fkas);
        Assert.All(e.Names.Where(n => n.Type == NameType.Fka), n => Assert.Equal(AliasStrength.Strong, n.Strength));

        // 567 fka rows in alt.csv.
        Assert.Equal(567, _data.Sdn2023.Entities.Sum(x => x.Names.Count(n => n.Type == NameType.Fka && n.Strength == AliasStrength.Strong)));
    }

    [Fact]
    public void Aircraft_ep_gom_15431()
    {
        var e = _data.Sdn2023["15431"];
        Assert.Equal(EntityKind.Aircraft, e.Kind);
        Assert.Equal(["SDGT"], e.Programs);
        var a = Assert.IsType<AircraftInfo>(e.Aircraft);
        Assert.Equal("IL76-TD", a.Model);
        Assert.Equal("YAS AIR", a.Operator);
        Assert.Equal("1023409321", a.SerialNumber);
        Assert.Equal("1992", a.ConstructionDate);
        var msn = e.Identifiers.Single(i => i.Kind == IdentifierKind.AircraftSerial);
        Assert.Equal(("Aircraft Manufacturer's Serial Number (MSN)", "1023409321"), (msn.Label, msn.Value));
        Assert.Equal("POUYA AIR", Assert.Single(e.Links).TargetName);
        Assert.Null(e.Vessel);
    }

    [Fact]
    public void Circa_and_range_birth_dates()
    {
        var circa = Assert.Single(_data.Sdn2023["7782"].BirthDates);
        Assert.True(circa.Approximate);
        Assert.Equal("1951", circa.From.ToString());
        Assert.Equal("circa 1951", circa.Raw);
        Assert.Equal(["Foca, Bosnia-Herzegovina"], _data.Sdn2023["7782"].BirthPlaces);

        var naqdi = _data.Sdn2023["12057"];
        Assert.Equal(["1951 to 1953", "1960 to 1962", "1961-04", "1953"], naqdi.BirthDates.Select(d => d.ToString()));
        Assert.Equal(DatePrecision.Month, naqdi.BirthDates[2].From.Precision);
        Assert.Equal(new PartialDate(1953), naqdi.BirthDates[0].To);
    }

    [Fact]
    public void Passport_with_issue_and_expiry_dates_of_al_sharif_6944()
    {
        var e = _data.Sdn2023["6944"];
        Assert.Equal(["1969", "1963", "1964-02-11"], e.BirthDates.Select(d => d.From.ToString()));
        var passports = e.Identifiers.Where(i => i.Kind == IdentifierKind.Passport).ToList();
        Assert.Equal(2, passports.Count);
        Assert.Equal("B 960789", passports[0].Value);
        Assert.Null(passports[0].IssueDate);
        Assert.Equal("G 649385", passports[1].Value);
        Assert.Equal(new PartialDate(2006, 9, 8), passports[1].IssueDate);
        Assert.Equal(new PartialDate(2011, 7, 17), passports[1].ExpiryDate);
        Assert.Equal(["SA"], e.Nationalities);
    }

    [Fact]
    public void Remarks_continue_in_sdn_comments_2021_tian_yinyin_28263()
    {
        var e = _data.Sdn2021["28263"];
        Assert.NotNull(e.Remarks);
        Assert.StartsWith("DOB 12 Jul 1986; nationality China; Email Address 417136259@qq.com;", e.Remarks, StringComparison.Ordinal);

        // sdn.csv stops at 1,000 characters inside "snowsjo"; sdn_comments.csv carries on with "hn'; Linked To: ...".
        Assert.EndsWith("a.k.a. 'tianyinyin0404'; a.k.a. 'snowsjohn'; Linked To: LAZARUS GROUP.", e.Remarks, StringComparison.Ordinal);
        Assert.Equal(1000 + "hn'; Linked To: LAZARUS GROUP.".Length, e.Remarks.Length);
        Assert.Equal("LAZARUS GROUP", Assert.Single(e.Links).TargetName);
        Assert.Equal(["tianyinyin0404", "snowsjohn"], e.Names.Where(n => n.Strength == AliasStrength.Weak).Select(n => n.Full));
        Assert.Equal(["DPRK3", "CYBER2"], e.Programs);
        Assert.Equal(8, e.Identifiers.Count(i => i.Kind == IdentifierKind.DigitalCurrencyAddress));
        var email = e.Identifiers.Single(i => i.Kind == IdentifierKind.Email);
        Assert.Equal("417136259@qq.com", email.Value);
        var phone = e.Identifiers.Single(i => i.Kind == IdentifierKind.Phone);
        Assert.Equal("8613621583465", phone.Value);
        Assert.Contains(new KeyValuePair<string, string>("Secondary sanctions risk", "North Korea Sanctions Regulations, sections 510.201 and 510.210"), e.Other);
    }

    [Fact]
    public void Every_1000_character_remark_of_2021_is_completed_by_comments()
    {
        foreach (var id in new[] { "12300", "28263", "28264", "29703", "30518" })
        {
            Assert.True(_data.Sdn2021[id].Remarks!.Length > 1000, id);
        }
    }

    [Fact]
    public void Cons_prim_gazprombank_17016_with_comments_and_addresses()
    {
        var e = _data.Cons2025["17016"];
        Assert.Equal("ofac-cons:17016", e.Id);
        Assert.Equal(EntityKind.Organization, e.Kind);
        Assert.Equal("GAZPROMBANK JOINT STOCK COMPANY", e.PrimaryName.Full);
        Assert.Equal(["UKRAINE-EO13662", "RUSSIA-EO14024"], e.Programs);
        Assert.Equal(
            [("GAZPROMBANK OPEN JOINT STOCK COMPANY", NameType.Fka), ("BANK GPB JSC", NameType.Aka), ("JOINT STOCK BANK OF THE GAS INDUSTRY GAZPROMBANK", NameType.Fka)],
            e.Names.Skip(1).Select(n => (n.Full, n.Type)));

        Assert.Contains("'Effective Date (EO 14024 Directive)' associated with this name are prohibited.; Listing Date (EO 14024 Directive 3): 24 Feb 2022", e.Remarks, StringComparison.Ordinal);
        var swift = e.Identifiers.Single(i => i.Kind == IdentifierKind.SwiftBic);
        Assert.Equal("GAZPRUMM", swift.Value);
        Assert.Equal("www.gazprombank.ru", e.Identifiers.Single(i => i.Kind == IdentifierKind.Website).Value);

        // Only in cons_comments.csv:
        var lei = e.Identifiers.Single(i => i.Kind == IdentifierKind.Lei);
        Assert.Equal(("Legal Entity Number", "253400WSS48YWMBUA688"), (lei.Label, lei.Value));
        var tax = e.Identifiers.Single(i => i.Kind == IdentifierKind.TaxId);
        Assert.Equal(("7744001497", "RU"), (tax.Value, tax.Country));
        var reg = e.Identifiers.Single(i => i.Kind == IdentifierKind.Registration);
        Assert.Equal(("Registration Number", "1027700167110", "RU"), (reg.Label, reg.Value, reg.Country));

        Assert.Contains(new KeyValuePair<string, string>("Organization Established Date", "31 Jul 1990"), e.Other);
        Assert.Contains(new KeyValuePair<string, string>("Target Type", "Financial Institution"), e.Other);
        Assert.Contains(new KeyValuePair<string, string>("Target Type", "State-Owned Enterprise"), e.Other);
        Assert.Contains(new KeyValuePair<string, string>("Executive Order 13662 Directive Determination", "Subject to Directive 1"), e.Other);
        Assert.Contains(new KeyValuePair<string, string>("Listing Date (EO 14024 Directive 3)", "24 Feb 2022"), e.Other);

        Assert.Equal(["RU", "MN", "KZ", "IN", "CN"], e.Addresses.Select(a => a.Country));
        Assert.Equal(["16 Nametkina Street, Bldg. 1"], e.Addresses[0].Lines);
        Assert.Equal("Moscow 117420", e.Addresses[0].City);
    }

    [Fact]
    public void Cons_prim_individual_haniya_9639()
    {
        var e = _data.Cons2025["9639"];
        Assert.Equal(EntityKind.Person, e.Kind);
        Assert.Equal("HANIYA, Ismail Abdul Salah", e.PrimaryName.Full);
        Assert.Equal(["NS-PLC"], e.Programs);
        var dob = Assert.Single(e.BirthDates);
        Assert.Equal((1962, DatePrecision.Year), (dob.From.Year, dob.From.Precision));
        Assert.Equal(["Shati"], e.BirthPlaces);
        Assert.Equal("DOB 1962; POB Shati.", e.Remarks);
    }

    [Fact]
    public void Rows_with_no_remarks_have_none()
    {
        var e = _data.Sdn2023["36"];
        Assert.Equal("AEROCARIBBEAN AIRLINES", e.PrimaryName.Full);
        Assert.Null(e.Remarks);
        Assert.Empty(e.Other);
        Assert.Empty(e.Titles);
        Assert.Null(e.Vessel);
        Assert.Equal(["CUBA"], e.Programs);
    }

    [Fact]
    public void Almost_every_country_in_the_real_files_resolves()
    {
        var all = _data.Sdn2023.Entities.Concat(_data.Sdn2021.Entities).Concat(_data.Cons2025.Entities).ToList();
        var unresolved = all.SelectMany(e => e.Addresses).Where(a => a.CountryName is not null && a.Country is null).Select(a => a.CountryName!).Distinct().Order(StringComparer.Ordinal).ToList();

        // Disputed or multi-country regions OFAC names on purpose, and "undetermined".
        Assert.Equal(["Region: Commonwealth of Independent States", "Region: Kafia Kingi", "undetermined"], unresolved);
        Assert.DoesNotContain(all, e => e.Vessel is { FlagName: not null, Flag: null } && e.Vessel.FlagName != "None Identified");
    }

    [Fact]
    public void File_roles_come_from_names_in_any_case()
    {
        Assert.Equal((OfacCsvRole.Primary, false), OfacCsvParser.RoleOf("SDN.CSV"));
        Assert.Equal((OfacCsvRole.Primary, false), OfacCsvParser.RoleOf("sdn-2023-12-28.csv"));
        Assert.Equal((OfacCsvRole.Comments, false), OfacCsvParser.RoleOf("SDN_COMMENTS.CSV"));
        Assert.Equal((OfacCsvRole.Address, false), OfacCsvParser.RoleOf("ADD.CSV"));
        Assert.Equal((OfacCsvRole.Alias, false), OfacCsvParser.RoleOf("alt.csv"));
        Assert.Equal((OfacCsvRole.Primary, true), OfacCsvParser.RoleOf("CONS_PRIM.CSV"));
        Assert.Equal((OfacCsvRole.Address, true), OfacCsvParser.RoleOf("cons_add.csv"));
        Assert.Equal((OfacCsvRole.Alias, true), OfacCsvParser.RoleOf("cons_alt.csv"));
        Assert.Equal((OfacCsvRole.Comments, true), OfacCsvParser.RoleOf("cons_comments.csv"));
    }

    [Fact]
    public void Upper_case_file_names_parse_the_same()
    {
        var dir = TestPaths.Data("ofac/sdn-csv/2021-07-complete");
        var files = new[] { "sdn.csv", "add.csv", "alt.csv", "sdn_comments.csv" }
            .Select(f => new SourceInput(f.ToUpperInvariant(), () => File.OpenRead(Path.Combine(dir, f))))
            .ToList();
        var set = OfacCsvFixture.Parse(files, "ofac-sdn");
        Assert.Equal(8976, set.Entities.Count);
        Assert.EndsWith("Linked To: LAZARUS GROUP.", set["28263"].Remarks, StringComparison.Ordinal);
    }
}
