using Interdict.Screening.Payments;
using Interdict.Screening.Text;

namespace Interdict.Tests.Screening.Payments;

public class PaymentPlacesTests
{
    private static (string Id, PlaceMatchKind Kind, string Text, string? Path)[] Find(string file) =>
        PaymentPlaces.Find(PaymentMessageParser.ParseFile(TestPaths.Data("payments/" + file)))
            .Select(f => (f.Place.Id, f.Kind, f.Text, f.Path))
            .ToArray();

    [Fact]
    public void Pacs008_with_crimean_addresses_and_remittance()
    {
        Assert.Equal(
            [
                ("UA-43", PlaceMatchKind.City, "Simferopol", "CdtTrfTxInf/CdtrAgt/FinInstnId/PstlAdr/TwnNm"),
                ("UA-43", PlaceMatchKind.Name, "Republic of Crimea", "CdtTrfTxInf/CdtrAgt/FinInstnId/PstlAdr/CtrySubDvsn"),
                ("UA-43", PlaceMatchKind.City, "Sevastopol", "CdtTrfTxInf/Cdtr/Nm"),
                ("UA-43", PlaceMatchKind.City, "Sevastopol", "CdtTrfTxInf/Cdtr/PstlAdr/TwnNm"),
                ("UA-43", PlaceMatchKind.City, "KERCH", "CdtTrfTxInf/RmtInf/Ustrd[2]"),
            ],
            Find("pacs008-all-roles-sevastopol.xml"));
    }

    [Fact]
    public void Pacs008_second_transaction_to_iran_by_bic_country_iban_town_and_text()
    {
        Assert.Equal(
            [
                ("IR", PlaceMatchKind.CountryCode, "IR", "CdtTrfTxInf[2]/CdtrAgt/FinInstnId/BICFI"),
                ("IR", PlaceMatchKind.CountryCode, "IR", "CdtTrfTxInf[2]/Cdtr/PstlAdr/Ctry"),
                ("IR", PlaceMatchKind.CountryCode, "IR", "CdtTrfTxInf[2]/CdtrAcct/Id/IBAN"),
                ("IR", PlaceMatchKind.City, "Tehran", "CdtTrfTxInf[2]/Cdtr/PstlAdr/TwnNm"),
                ("IR", PlaceMatchKind.Demonym, "IRANIAN", "CdtTrfTxInf[2]/RmtInf/Ustrd"),
            ],
            Find("pacs008-two-transactions-vessel.xml"));
    }

    [Fact]
    public void Bic_country_finding_points_at_characters_5_and_6()
    {
        var m = PaymentMessageParser.ParseFile(TestPaths.Data("payments/pacs008-two-transactions-vessel.xml"));
        var f = PaymentPlaces.Find(m)[0];
        Assert.Equal(("BTEJIRTH", 4, 2, "IRAN"), (f.Value, f.Start, f.Length, f.Program));
    }

    [Fact]
    public void Pacs008_v10_to_syria()
    {
        Assert.Equal(
            [
                ("SY", PlaceMatchKind.CountryCode, "SY", "CdtTrfTxInf/InstdAgt/FinInstnId/BICFI"),
                ("SY", PlaceMatchKind.CountryCode, "SY", "CdtTrfTxInf/CdtrAgt/FinInstnId/BICFI"),
                ("SY", PlaceMatchKind.CountryCode, "SY", "CdtTrfTxInf/Cdtr/PstlAdr/Ctry"),
                ("SY", PlaceMatchKind.City, "Damascus", "CdtTrfTxInf/Cdtr/PstlAdr/TwnNm"),
            ],
            Find("pacs008-v10-envelope.xml"));
    }

    [Fact]
    public void Pain001_to_cuba_and_an_ultimate_creditor_in_north_korea()
    {
        Assert.Equal(
            [
                ("CU", PlaceMatchKind.CountryCode, "CU", "PmtInf[1]/CdtTrfTxInf[2]/CdtrAgt/FinInstnId/BICFI"),
                ("CU", PlaceMatchKind.CountryCode, "CU", "PmtInf[1]/CdtTrfTxInf[2]/Cdtr/PstlAdr/Ctry"),
                ("CU", PlaceMatchKind.City, "La Habana", "PmtInf[1]/CdtTrfTxInf[2]/Cdtr/PstlAdr"),
                ("KP", PlaceMatchKind.CountryCode, "KP", "PmtInf[2]/CdtTrfTxInf/UltmtCdtr/PstlAdr/Ctry"),
                ("KP", PlaceMatchKind.City, "Pyongyang", "PmtInf[2]/CdtTrfTxInf/UltmtCdtr/PstlAdr/TwnNm"),
                ("CU", PlaceMatchKind.Demonym, "Cuban", "PmtInf[1]/CdtTrfTxInf[2]/RmtInf/Ustrd"),
            ],
            Find("pain001-two-payments.xml"));
    }

    [Fact]
    public void Mt103_beneficiary_in_sevastopol_and_crimean_remittance()
    {
        Assert.Equal(
            [("UA-43", PlaceMatchKind.City, "SEVASTOPOL", ":59F:"), ("UA-43", PlaceMatchKind.Demonym, "CRIMEAN", ":70:")],
            Find("mt103-59f-crimea.fin"));
    }

    [Fact]
    public void Mt103_account_with_institution_in_crimea()
    {
        Assert.Equal(
            [("UA-43", PlaceMatchKind.City, "SEVASTOPOL", ":57D:"), ("UA-43", PlaceMatchKind.Name, "CRIMEA", ":57D:"), ("UA-43", PlaceMatchKind.City, "SEVASTOPOL", ":57D:")],
            Find("mt103-50f-person-split.fin"));
    }

    [Fact]
    public void Mt103_to_russian_banks_names_no_sanctioned_place()
    {
        // Listed Russian banks are matched as parties by the engine; Russia itself is not comprehensively sanctioned.
        Assert.Empty(Find("mt103-50k-wrapped-name.fin"));
    }

    [Fact]
    public void Mt103_block_4_only_to_a_cuban_bic()
    {
        Assert.Equal(
            [("CU", PlaceMatchKind.CountryCode, "CU", ":59A:"), ("CU", PlaceMatchKind.City, "HAVANA", ":70:")],
            Find("mt103-block4-only-59a.fin"));
    }
}
