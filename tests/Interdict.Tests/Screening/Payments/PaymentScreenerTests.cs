using Interdict.Screening.Payments;

namespace Interdict.Tests.Screening.Payments;

public class PaymentScreenerTests(BundledScreener bundled) : IClassFixture<BundledScreener>
{
    private PaymentScreeningResult Screen(string file) =>
        new PaymentScreener(bundled.Screener).Screen(PaymentMessageParser.ParseFile(TestPaths.Data("payments/" + file)));

    private static PaymentHit Hit(PaymentScreeningResult r, PaymentHitKind kind, string path, string? entity = null) =>
        Assert.Single(r.Hits, h => h.Kind == kind && h.Path == path && (entity is null || h.EntityId == entity));

    [Fact]
    public void A_creditor_on_OFAC_and_the_UN_is_one_hit_with_the_other_listing()
    {
        var message = File.ReadAllText(TestPaths.Data("payments/mt103-50k-wrapped-name.fin"))
            .Replace("PUBLIC JOINT STOCK COMPANY SBERBANK\r\nOF RUSSIA\r\n19 VAVILOVA STREET\r\n117997 MOSCOW RU", "HAFIZ MUHAMMAD SAEED\r\n12 JOHAR TOWN\r\n54782 LAHORE PK", StringComparison.Ordinal);
        Assert.Contains("HAFIZ MUHAMMAD SAEED", message, StringComparison.Ordinal);
        var r = new PaymentScreener(bundled.Screener).Screen(message);
        var creditor = r.Hits.Where(h => h.Kind == PaymentHitKind.Party && h.Path == ":59:").ToList();
        Assert.DoesNotContain(creditor, h => h.EntityId == "un-sc:QDi.263");
        var saeed = Assert.Single(creditor, h => h.EntityId == "ofac-sdn:10689");
        var un = Assert.Single(saeed.AlsoListed, a => a.EntityId == "un-sc:QDi.263");
        Assert.NotNull(un.Score);
    }

    [Fact]
    public void Mt103_creditor_split_over_lines_of_field_59_is_found_by_name()
    {
        var r = Screen("mt103-50f-person-split.fin");
        Assert.Equal("MT103", r.Format);
        var peskov = Hit(r, PaymentHitKind.Party, ":59:", "ofac-sdn:35320");
        Assert.Equal(("creditor", "DMITRIY SERGEEVICH PESKOV"), (peskov.Field, peskov.Value));
        Assert.InRange(peskov.Score, 0.9, 1);
        Assert.NotNull(peskov.Explanation);

        var bank = Hit(r, PaymentHitKind.Party, ":57D:", "ofac-sdn:19034");
        Assert.Equal("account_with_institution", bank.Field);
        Assert.Contains(r.Hits, h => h.Kind == PaymentHitKind.Place && h.Path == ":57D:" && h.PlaceId == "UA-43" && h.Value == "CRIMEA");
    }

    [Fact]
    public void Mt103_bics_of_intermediary_and_account_with_institution_match_listed_swift_codes()
    {
        var r = Screen("mt103-50k-wrapped-name.fin");
        // Sberbank is on OFAC's SDN and non-SDN consolidated lists under one number: one hit, the other listing under it.
        var sber = Hit(r, PaymentHitKind.Bic, ":56A:");
        Assert.Equal(("intermediary_agent1", "SABRRUMM", 1.0), (sber.Field, sber.Value, sber.Score));
        Assert.Equal("listed SWIFT/BIC SABRRUMM", sber.Detail);
        Assert.Equal(["ofac-cons:17018", "ofac-sdn:17018"], new[] { sber.EntityId!, Assert.Single(sber.AlsoListed).EntityId }.Order(StringComparer.Ordinal));
        Assert.Equal("RUSSIAN NATIONAL COMMERCIAL BANK", Hit(r, PaymentHitKind.Bic, ":57A:", "ofac-sdn:17755").EntityName);

        // The creditor's name wraps over two lines of field 59 and is re-joined before screening.
        // Sberbank's SDN and non-SDN entries score the same: the SDN entry leads, the other is folded under it.
        var creditor = Assert.Single(r.Hits, h => h.Kind == PaymentHitKind.Party && h.Path == ":59:" && h.EntityId!.EndsWith(":17018", StringComparison.Ordinal));
        Assert.Equal("PUBLIC JOINT STOCK COMPANY SBERBANK OF RUSSIA", creditor.Value);
        Assert.Equal("ofac-sdn:17018", creditor.EntityId);
        var other = Assert.Single(creditor.AlsoListed, a => a.EntityId.EndsWith(":17018", StringComparison.Ordinal));
        Assert.Equal("ofac-cons:17018", other.EntityId);
        Assert.Equal(creditor.Score, other.Score);

        // The German ordering customer and its banks raise nothing.
        Assert.DoesNotContain(r.Hits, h => h.Path is ":50K:" or ":52A:" or ":53A:" or ":54A:");
    }

    [Fact]
    public void Mt103_receiver_bic_in_block_2_and_addresses_in_crimea()
    {
        var r = Screen("mt103-59f-crimea.fin");
        Assert.Equal("instructed_agent", Hit(r, PaymentHitKind.Bic, "{2:}", "ofac-sdn:19034").Field);
        Assert.Equal("MORKUAUK", Hit(r, PaymentHitKind.Bic, ":57A:", "ofac-sdn:19034").Value);
        var town = Hit(r, PaymentHitKind.Place, ":59F:");
        Assert.Equal(("SEVASTOPOL", "UA-43", "creditor"), (town.Value, town.PlaceId, town.Field));
        var remittance = Hit(r, PaymentHitKind.Place, ":70:");
        Assert.Equal(("CRIMEAN", "remittance_information"), (remittance.Value, remittance.Field));
        Assert.Contains("UKRAINE-EO13685", remittance.Programs);
    }

    [Fact]
    public void Mt103_block_4_alone_with_a_cuban_bank()
    {
        var r = Screen("mt103-block4-only-59a.fin");
        Assert.Equal(2, r.Parties.Count);
        Assert.Equal("CU", Hit(r, PaymentHitKind.Place, ":59A:").PlaceId);
        Assert.Equal("HAVANA", Hit(r, PaymentHitKind.Place, ":70:").Value);
    }

    [Fact]
    public void Pacs008_every_role_is_screened_and_named_by_its_path()
    {
        var r = Screen("pacs008-all-roles-sevastopol.xml");
        Assert.Equal("pacs.008.001.08", r.Format);
        Assert.Equal(16, r.Parties.Count);
        Assert.Contains(r.Parties, p => p.Role == "ultimate_debtor");
        Assert.Contains(r.Parties, p => p.Role == "intermediary_agent1");
        Assert.Equal("creditor_agent", Hit(r, PaymentHitKind.Party, "CdtTrfTxInf/CdtrAgt/FinInstnId/Nm", "ofac-sdn:17755").Field);
        Assert.Equal("RNCORUMM", Hit(r, PaymentHitKind.Bic, "CdtTrfTxInf/CdtrAgt/FinInstnId/BICFI", "ofac-sdn:17755").Value);
        Assert.Equal("intermediary_agent1", Hit(r, PaymentHitKind.Bic, "CdtTrfTxInf/IntrmyAgt1/FinInstnId/BICFI", "ofac-sdn:17018").Field);
        var port = Hit(r, PaymentHitKind.Party, "CdtTrfTxInf/Cdtr/Nm", "ofac-sdn:18322");
        Assert.Equal("State Enterprise Sevastopol Sea Trading Port", port.Value);
        Assert.Equal("Republic of Crimea", Hit(r, PaymentHitKind.Place, "CdtTrfTxInf/CdtrAgt/FinInstnId/PstlAdr/CtrySubDvsn").Value);
        Assert.Equal("Sevastopol", Hit(r, PaymentHitKind.Place, "CdtTrfTxInf/Cdtr/PstlAdr/TwnNm").Value);
        Assert.Equal("KERCH", Hit(r, PaymentHitKind.Place, "CdtTrfTxInf/RmtInf/Ustrd[2]").Value);
        Assert.True(r.Alert);
    }

    [Fact]
    public void Pacs008_vessel_in_remittance_information_and_iranian_bank_bic()
    {
        var r = Screen("pacs008-two-transactions-vessel.xml");
        var vessel = Hit(r, PaymentHitKind.Text, "CdtTrfTxInf[1]/RmtInf/Ustrd", "ofac-sdn:21115");
        Assert.Equal(("MARSHAL ZHUKOV", "remittance_information"), (vessel.Value, vessel.Field));
        Assert.Equal("BANK TEJARAT", Hit(r, PaymentHitKind.Bic, "CdtTrfTxInf[2]/CdtrAgt/FinInstnId/BICFI", "ofac-sdn:25677").EntityName);
        Assert.Equal("IR", Hit(r, PaymentHitKind.Place, "CdtTrfTxInf[2]/CdtrAcct/Id/IBAN").PlaceId);
        Assert.Equal("Tehran", Hit(r, PaymentHitKind.Place, "CdtTrfTxInf[2]/Cdtr/PstlAdr/TwnNm").Value);

        // The first transaction's parties in the UAE and Turkey are not listed.
        Assert.DoesNotContain(r.Hits, h => h.Kind == PaymentHitKind.Party);
    }

    [Fact]
    public void Pacs008_v10_branch_bic_matches_the_listed_head_office_bic8()
    {
        var r = Screen("pacs008-v10-envelope.xml");
        Assert.Equal("pacs.008.001.10", r.Format);
        var bic = Hit(r, PaymentHitKind.Bic, "CdtTrfTxInf/CdtrAgt/FinInstnId/BICFI", "ofac-sdn:30663");
        Assert.Equal(("CBSYSYDAXXX", "listed SWIFT/BIC CBSYSYDA"), (bic.Value, bic.Detail));
        Assert.Equal("SY", Hit(r, PaymentHitKind.Place, "CdtTrfTxInf/Cdtr/PstlAdr/Ctry").PlaceId);
    }

    [Fact]
    public void Pain001_ultimate_creditor_and_cuban_places()
    {
        var r = Screen("pain001-two-payments.xml");
        Assert.Equal("pain.001.001.09", r.Format);
        var kumsan = Hit(r, PaymentHitKind.Party, "PmtInf[2]/CdtTrfTxInf/UltmtCdtr/Nm", "ofac-sdn:20603");
        Assert.Equal(("ultimate_creditor", "Korea Kumsan Trading Corp."), (kumsan.Field, kumsan.Value));
        Assert.Equal("KP", Hit(r, PaymentHitKind.Place, "PmtInf[2]/CdtTrfTxInf/UltmtCdtr/PstlAdr/Ctry").PlaceId);
        Assert.Equal("Cuban", Hit(r, PaymentHitKind.Place, "PmtInf[1]/CdtTrfTxInf[2]/RmtInf/Ustrd").Value);
        Assert.Equal("La Habana", Hit(r, PaymentHitKind.Place, "PmtInf[1]/CdtTrfTxInf[2]/Cdtr/PstlAdr").Value);
    }

    [Theory]
    [InlineData("not a payment", "unknown message format")]
    [InlineData("", "empty payment message")]
    [InlineData("<Document xmlns=\"urn:iso:std:iso:20022:tech:xsd:pacs.008.001.08\"><FIToFICstmrCdtTrf>", "line 1: truncated XML: the file ends before the document is complete")]
    [InlineData("{1:F01DEUTDEFFAXXX0000000000}{2:I103MORKUAUKXXXXN}{4:\n:20:X\n:32A:231228EUR7450,00\n-}", "field :23B:: missing mandatory field :23B:")]
    public void Malformed_messages_are_a_payment_format_error(string message, string reason)
    {
        var ex = Assert.Throws<PaymentFormatException>(() => new PaymentScreener(bundled.Screener).Screen(message));
        Assert.Contains(reason, ex.Message, StringComparison.Ordinal);
    }
}
