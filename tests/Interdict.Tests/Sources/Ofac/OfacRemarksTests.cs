using Interdict.Model;
using Interdict.Sources.Ofac;

namespace Interdict.Tests.Sources.Ofac;

/// <summary>The remarks statements below are copied from the real OFAC files in tests/data.</summary>
public class OfacRemarksTests
{
    [Fact]
    public void Splits_at_top_level_semicolons_only()
    {
        var parts = OfacRemarks.Split("DOB 31 Aug 1960; alt. DOB 31 Aug 1953; Linked To: AL-JAMAL, Sa'id Ahmad Muhammad; a.k.a. 'AL-QA'QA'.");
        Assert.Equal(["DOB 31 Aug 1960", "alt. DOB 31 Aug 1953", "Linked To: AL-JAMAL, Sa'id Ahmad Muhammad", "a.k.a. 'AL-QA'QA'."], parts);
        Assert.Empty(OfacRemarks.Split(null));
        Assert.Empty(OfacRemarks.Split("  "));
    }

    [Theory]
    [InlineData("23 Nov 1962", "1962-11-23", null, false)]
    [InlineData("1962", "1962", null, false)]
    [InlineData("Nov 1962", "1962-11", null, false)]
    [InlineData("circa 1970", "1970", null, true)]
    [InlineData("circa 06 Dec 1966", "1966-12-06", null, true)]
    [InlineData("1958 to 1960", "1958", "1960", false)]
    [InlineData("Jan 1958 to Dec 1960", "1958-01", "1960-12", false)]
    [InlineData("01 Jan 1958 to 31 Dec 1960", "1958-01-01", "1960-12-31", false)]
    [InlineData("circa 1958-1960", "1958", "1960", true)]
    public void Parses_every_ofac_birth_date_form(string text, string from, string? to, bool approximate)
    {
        Assert.True(OfacRemarks.TryParseBirthDate(text, out var dob));
        Assert.Equal(from, dob.From.ToString());
        Assert.Equal(to, dob.To?.ToString());
        Assert.Equal(approximate, dob.Approximate);
        Assert.Equal(text, dob.Raw);
    }

    [Theory]
    [InlineData("31 Feb 1962")]
    [InlineData("Foo 1962")]
    [InlineData("62")]
    [InlineData("1962 to")]
    public void Rejects_what_is_not_a_date(string text) => Assert.False(OfacRemarks.TryParseBirthDate(text, out _));

    [Fact]
    public void A_year_only_birth_date_stays_year_only()
    {
        var facts = OfacRemarks.Parse("DOB 1951; alt. DOB 1956; alt. DOB 1944; POB Alexandria, Egypt; a.k.a. 'TAYSIR'; a.k.a. 'ABU HAFS'.");
        Assert.Equal([DatePrecision.Year, DatePrecision.Year, DatePrecision.Year], facts.BirthDates.Select(d => d.From.Precision));
        Assert.Equal(new DateOnly(1951, 12, 31), facts.BirthDates[0].From.Latest);
        Assert.Equal(["Alexandria, Egypt"], facts.BirthPlaces);
        Assert.Equal(["TAYSIR", "ABU HAFS"], facts.WeakAliases.Select(a => a.Full));
        Assert.Empty(facts.Other);
    }

    [Fact]
    public void Personal_facts_of_maduro()
    {
        var facts = OfacRemarks.Parse("DOB 23 Nov 1962; POB Caracas, Venezuela; citizen Venezuela; Gender Male; Cedula No. 5892464 (Venezuela); President of the Bolivarian Republic of Venezuela.");
        Assert.Equal(new PartialDate(1962, 11, 23), Assert.Single(facts.BirthDates).From);
        Assert.Equal(["Caracas, Venezuela"], facts.BirthPlaces);
        Assert.Equal(["VE"], facts.Citizenships);
        Assert.Equal(Gender.Male, facts.Gender);
        var id = Assert.Single(facts.Identifiers);
        Assert.Equal((IdentifierKind.NationalId, "Cedula No.", "5892464", "VE", "Venezuela"), (id.Kind, id.Label, id.Value, id.Country, id.CountryName));
        Assert.Equal([new KeyValuePair<string, string>("Remark", "President of the Bolivarian Republic of Venezuela.")], facts.Other);
    }

    [Fact]
    public void Gender_female_with_final_period_and_nationalities()
    {
        var facts = OfacRemarks.Parse("nationality Korea, North; alt. nationality Russia; citizen Congo, Democratic Republic of the; Gender Female.");
        Assert.Equal(Gender.Female, facts.Gender);
        Assert.Equal(["KP", "RU"], facts.Nationalities);
        Assert.Equal(["CD"], facts.Citizenships);
    }

    [Theory]
    [InlineData("North Macedonia, The Republic of", "MK")]
    [InlineData("Macedonia, The Former Yugoslav Republic of", "MK")]
    [InlineData("Man, Isle of", "IM")]
    [InlineData("Trinidad and Tobago", "TT")]
    [InlineData("Sao Tome and Principe", "ST")]
    [InlineData("Region: Gaza", "PS")]
    [InlineData("Region: Northern Mali", "ML")]
    public void Resolves_the_ofac_country_spellings_the_platform_lacks(string name, string code) =>
        Assert.Equal(code, OfacRemarks.ResolveCountry(name));

    [Fact]
    public void An_unknown_nationality_is_kept()
    {
        var facts = OfacRemarks.Parse("nationality possibly Palestinian");
        Assert.Empty(facts.Nationalities);
        Assert.Equal([new KeyValuePair<string, string>("Nationality", "possibly Palestinian")], facts.Other);
    }

    [Theory]
    [InlineData("Passport 1084010 (Egypt)", IdentifierKind.Passport, "Passport", "1084010", "EG")]
    [InlineData("alt. Passport D10007350 (Iran) expires 13 Oct 2025.", IdentifierKind.Passport, "Passport", "D10007350", "IR")]
    [InlineData("National ID No. 216040 (Yemen)", IdentifierKind.NationalId, "National ID No.", "216040", "YE")]
    [InlineData("RIF # J-31136071-9 (Venezuela).", IdentifierKind.TaxId, "RIF #", "J-31136071-9", "VE")]
    [InlineData("Tax ID No. 100036386 (Serbia)", IdentifierKind.TaxId, "Tax ID No.", "100036386", "RS")]
    [InlineData("Registration Number 26740 (Iran)", IdentifierKind.Registration, "Registration Number", "26740", "IR")]
    [InlineData("Registration Number HRA 738077 (Stuttgart) (Germany)", IdentifierKind.Registration, "Registration Number", "HRA 738077 (Stuttgart)", "DE")]
    [InlineData("Identification Number 2.194.575 (Paraguay)", IdentifierKind.NationalId, "Identification Number", "2.194.575", "PY")]
    [InlineData("Birth Certificate Number 365.", IdentifierKind.BirthCertificate, "Birth Certificate Number", "365", null)]
    [InlineData("D-U-N-S Number 542957624", IdentifierKind.Registration, "D-U-N-S Number", "542957624", null)]
    [InlineData("SWIFT/BIC HAVIGB2L", IdentifierKind.SwiftBic, "SWIFT/BIC", "HAVIGB2L", null)]
    [InlineData("Legal Entity Number 253400V1H6ART1UQ0N98 (Russia)", IdentifierKind.Lei, "Legal Entity Number", "253400V1H6ART1UQ0N98", "RU")]
    [InlineData("Vessel Registration Identification IMO 7406784", IdentifierKind.Imo, "Vessel Registration Identification IMO", "7406784", null)]
    [InlineData("Identification Number IMO 5342883.", IdentifierKind.Imo, "Identification Number IMO", "5342883", null)]
    [InlineData("International Maritime Organization No. (5777731)", IdentifierKind.Imo, "International Maritime Organization No.", "5777731", null)]
    [InlineData("MMSI 572469210", IdentifierKind.Mmsi, "MMSI", "572469210", null)]
    [InlineData("Aircraft Manufacturer's Serial Number (MSN) 1023409321", IdentifierKind.AircraftSerial, "Aircraft Manufacturer's Serial Number (MSN)", "1023409321", null)]
    [InlineData("Email Address Wrfl77@hotmail.com", IdentifierKind.Email, "Email Address", "Wrfl77@hotmail.com", null)]
    [InlineData("Website sb24.ir", IdentifierKind.Website, "Website", "sb24.ir", null)]
    [InlineData("Phone Number 982188526300", IdentifierKind.Phone, "Phone Number", "982188526300", null)]
    [InlineData("Driver's License No. 180839 (Mexico)", IdentifierKind.DrivingLicense, "Driver's License No.", "180839", "MX")]
    [InlineData("C.U.R.P. AIMM67125HCHRRG06 (Mexico) issued 1968.", IdentifierKind.NationalId, "C.U.R.P.", "AIMM67125HCHRRG06", "MX")]
    [InlineData("SSN 523-33-8386 (United States)", IdentifierKind.SocialSecurity, "SSN", "523-33-8386", "US")]
    [InlineData("National ID No. 980335608 (Region: Gaza)", IdentifierKind.NationalId, "National ID No.", "980335608", "PS")]
    [InlineData("Tourism License No. 585026 (United Arab Emirates)", IdentifierKind.Other, "Tourism License No.", "585026", "AE")]
    [InlineData("Chamber of Commerce Number 55389694 (Netherlands)", IdentifierKind.Registration, "Chamber of Commerce Number", "55389694", "NL")]
    [InlineData("Travel Document Number A0020375 (Germany).", IdentifierKind.Passport, "Travel Document Number", "A0020375", "DE")]
    public void Reads_identifiers(string segment, IdentifierKind kind, string label, string value, string? country)
    {
        var facts = OfacRemarks.Parse(segment);
        var id = Assert.Single(facts.Identifiers);
        Assert.Equal(kind, id.Kind);
        Assert.Equal(label, id.Label);
        Assert.Equal(value, id.Value);
        Assert.Equal(country, id.Country);
        Assert.Empty(facts.Other);
    }

    [Fact]
    public void Identifier_issue_and_expiry_dates()
    {
        var id = Assert.Single(OfacRemarks.Parse("Passport E590976 (Tunisia) issued 19 Jun 1987 expires 18 Jun 1992.").Identifiers);
        Assert.Equal(("E590976", "TN"), (id.Value, id.Country));
        Assert.Equal(new PartialDate(1987, 6, 19), id.IssueDate);
        Assert.Equal(new PartialDate(1992, 6, 18), id.ExpiryDate);

        var curp = Assert.Single(OfacRemarks.Parse("C.U.R.P. AIMM67125HCHRRG06 (Mexico) issued 1968.").Identifiers);
        Assert.Equal(DatePrecision.Year, curp.IssueDate!.Value.Precision);

        var noCountry = Assert.Single(OfacRemarks.Parse("Passport G025057 issued 23 Jun 1999 expires 05 Feb 2004").Identifiers);
        Assert.Equal(("G025057", null), (noCountry.Value, noCountry.Country));
        Assert.Equal(new PartialDate(2004, 2, 5), noCountry.ExpiryDate);
    }

    [Theory]
    [InlineData("Digital Currency Address - XBT 12QtD5BFwRsdNsAZY76UVE1xyCGNTojH9h", "XBT", "12QtD5BFwRsdNsAZY76UVE1xyCGNTojH9h")]
    [InlineData("alt. Digital Currency Address - ETH 0xa0e1c89Ef1a489c9C7dE96311eD5Ce5D32c20E4B", "ETH", "0xa0e1c89Ef1a489c9C7dE96311eD5Ce5D32c20E4B")]
    [InlineData("Digital Currency Address - USDT 0xfec8a60023265364d066a1212fde3930f6ae8da7.", "USDT", "0xfec8a60023265364d066a1212fde3930f6ae8da7")]
    public void Reads_digital_currency_addresses(string segment, string currency, string address)
    {
        var id = Assert.Single(OfacRemarks.Parse(segment).Identifiers);
        Assert.Equal(IdentifierKind.DigitalCurrencyAddress, id.Kind);
        Assert.Equal(currency, id.Currency);
        Assert.Equal("Digital Currency Address - " + currency, id.Label);
        Assert.Equal(address, id.Value);
    }

    [Fact]
    public void Weak_aliases_keep_apostrophes_inside_quotes()
    {
        var facts = OfacRemarks.Parse("a.k.a. 'ABU-'UMAR'; a.k.a. ''ABD AL-RAHMAN'; f.k.a. 'ANA I'; n.k.a. 'NEW NAME'; a.k.a. 'AL-QA'QA'.");
        Assert.Equal(
            [("ABU-'UMAR", NameType.Aka), ("'ABD AL-RAHMAN", NameType.Aka), ("ANA I", NameType.Fka), ("NEW NAME", NameType.Nka), ("AL-QA'QA", NameType.Aka)],
            facts.WeakAliases.Select(a => (a.Full, a.Type)));
        Assert.All(facts.WeakAliases, a => Assert.Equal(AliasStrength.Weak, a.Strength));
    }

    [Fact]
    public void Links_keep_commas_and_abbreviations_but_drop_the_closing_period()
    {
        var facts = OfacRemarks.Parse("Linked To: MADURO MOROS, Nicolas; Linked To: FUJIAN PROVINCIAL PINGTAN COUNTY OCEAN FISHING GROUP CO., LTD.; Linked To: RED MUNDIAL INMOBILIARIA, S.A. DE C.V.; Linked To: HIZBALLAH.");
        Assert.Equal(
            ["MADURO MOROS, Nicolas", "FUJIAN PROVINCIAL PINGTAN COUNTY OCEAN FISHING GROUP CO., LTD.", "RED MUNDIAL INMOBILIARIA, S.A. DE C.V.", "HIZBALLAH"],
            facts.Links.Select(l => l.TargetName));
        Assert.All(facts.Links, l => Assert.Equal("Linked To", l.Relation));
    }

    [Fact]
    public void Keyed_facts_go_to_other()
    {
        var facts = OfacRemarks.Parse(
            "Organization Established Date 1969; Additional Sanctions Information - Subject to Secondary Sanctions; " +
            "Secondary sanctions risk: North Korea Sanctions Regulations, sections 510.201 and 510.210; Organization Type: Activities of holding companies; " +
            "Target Type Financial Institution; Nationality of Registration Korea, North; Listing Date (EO 14024 Directive 2): 24 Feb 2022; " +
            "Executive Order 13662 Directive Determination - Subject to Directive 1; Member of the State Duma of the Federal Assembly of the Russian Federation.");
        Assert.Equal(
            [
                new("Organization Established Date", "1969"),
                new("Additional Sanctions Information", "Subject to Secondary Sanctions"),
                new("Secondary sanctions risk", "North Korea Sanctions Regulations, sections 510.201 and 510.210"),
                new("Organization Type", "Activities of holding companies"),
                new("Target Type", "Financial Institution"),
                new("Nationality of Registration", "Korea, North"),
                new("Listing Date (EO 14024 Directive 2)", "24 Feb 2022"),
                new("Executive Order 13662 Directive Determination", "Subject to Directive 1"),
                new KeyValuePair<string, string>("Remark", "Member of the State Duma of the Federal Assembly of the Russian Federation."),
            ],
            facts.Other);
    }

    [Fact]
    public void Aircraft_and_vessel_facts()
    {
        var facts = OfacRemarks.Parse("Aircraft Construction Number (also called L/N or S/N or F/N) 8401; Aircraft Manufacture Date 1992; Aircraft Model IL76-TD; Aircraft Operator YAS AIR; Aircraft Manufacturer's Serial Number (MSN) 1023409321; Aircraft Tail Number EP-GOM; Vessel Year of Build 1999");
        var a = Assert.IsType<AircraftInfo>(facts.Aircraft);
        Assert.Equal(("IL76-TD", "YAS AIR", "1023409321", "1992", "EP-GOM"), (a.Model, a.Operator, a.SerialNumber, a.ConstructionDate, a.TailNumber));
        Assert.Equal("1999", facts.VesselBuildYear);
        Assert.Equal(["Aircraft Construction Number (also called L/N or S/N or F/N)", "Aircraft Manufacturer's Serial Number (MSN)", "Aircraft Tail Number"], facts.Identifiers.Select(i => i.Label));
    }

    [Fact]
    public void A_cut_remark_keeps_its_fragment()
    {
        // 45430 in the 2023-12-28 sdn.csv ends at 1,000 characters with no sdn_comments.csv to complete it.
        var facts = OfacRemarks.Parse("Gender Male; Passport A1234");
        Assert.Equal("A1234", Assert.Single(facts.Identifiers).Value);
        facts = OfacRemarks.Parse("Gender Male; Secondary sanctions ri");
        Assert.Equal([new KeyValuePair<string, string>("Remark", "Secondary sanctions ri")], facts.Other);
    }
}
