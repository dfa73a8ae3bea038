using Interdict.Screening.Payments;

namespace Interdict.Tests.Screening.Payments;

public class Mt103ParserTests
{
    private static string Text(string name) => File.ReadAllText(TestPaths.Data("payments/" + name));

    private static PaymentMessage Load(string name) => PaymentMessageParser.ParseFile(TestPaths.Data("payments/" + name));

    private static PaymentParty One(PaymentMessage m, PartyRole role) => Assert.Single(m.PartiesIn(role));

    [Fact]
    public void Test_messages_keep_swift_crlf_line_ends() => Assert.Contains("\r\n:20:", Text("mt103-59f-crimea.fin"), StringComparison.Ordinal);

    [Fact]
    public void Line_feed_only_messages_read_the_same()
    {
        var crlf = PaymentMessageParser.Parse(Text("mt103-50f-person-split.fin"));
        var lf = PaymentMessageParser.Parse(Text("mt103-50f-person-split.fin").Replace("\r\n", "\n", StringComparison.Ordinal));
        Assert.Equal(crlf.Parties.Select(p => (p.Role, p.Path, p.Name, p.Bic, p.Town, p.Country)), lf.Parties.Select(p => (p.Role, p.Path, p.Name, p.Bic, p.Town, p.Country)));
        Assert.Equal(crlf.FreeText, lf.FreeText);
        Assert.Equal(7, lf.Parties.Count);
    }

    [Fact]
    public void Input_message_header_gives_sender_and_receiver()
    {
        var m = Load("mt103-50k-wrapped-name.fin");
        Assert.Equal(("MT103", "HME20231228-0002"), (m.Format, m.MessageId));
        Assert.Equal(("{1:}", "COBADEFFXXX", "DE"), (One(m, PartyRole.InstructingAgent).Path, One(m, PartyRole.InstructingAgent).Bic, One(m, PartyRole.InstructingAgent).BicCountry));
        Assert.Equal(("{2:}", "RZBAATWWXXX"), (One(m, PartyRole.InstructedAgent).Path, One(m, PartyRole.InstructedAgent).Bic));
    }

    [Fact]
    public void Output_message_header_gives_sender_in_block_2()
    {
        var m = Load("mt103-50f-person-split.fin");
        Assert.Equal(("{2:}", "COBADEFFXXX"), (One(m, PartyRole.InstructingAgent).Path, One(m, PartyRole.InstructingAgent).Bic));
        Assert.Equal(("{1:}", "RZBAATWWXXX"), (One(m, PartyRole.InstructedAgent).Path, One(m, PartyRole.InstructedAgent).Bic));
    }

    [Fact]
    public void Field_50K_splits_account_name_and_address()
    {
        var d = One(Load("mt103-50k-wrapped-name.fin"), PartyRole.Debtor);
        Assert.Equal((":50K:", ":50K:", ":50K:"), (d.Path, d.NamePath, d.AddressPath));
        Assert.Equal("HANSEATIC MACHINERY EXPORT GMBH", d.Name);
        Assert.Equal(["GROSSE ELBSTRASSE 145", "22767 HAMBURG DE"], d.AddressLines);
        Assert.Equal(("22767 HAMBURG", "DE"), (d.Town, d.Country));
        Assert.Equal(("DE89370400440532013000", "DE"), (d.Account, d.AccountCountry));
    }

    [Fact]
    public void A_name_wrapped_at_35_characters_in_field_59_is_joined()
    {
        var c = One(Load("mt103-50k-wrapped-name.fin"), PartyRole.Creditor);
        Assert.Equal(":59:", c.Path);
        Assert.Equal("PUBLIC JOINT STOCK COMPANY SBERBANK OF RUSSIA", c.Name);
        Assert.Equal(["19 VAVILOVA STREET", "117997 MOSCOW RU"], c.AddressLines);
        Assert.Equal("RU", c.Country);
        Assert.Equal("40702810400000067890", c.Account);
    }

    [Fact]
    public void A_person_name_split_over_two_lines_of_field_59_is_joined()
    {
        var c = One(Load("mt103-50f-person-split.fin"), PartyRole.Creditor);
        Assert.Equal("DMITRIY SERGEEVICH PESKOV", c.Name);
        Assert.Equal(["UL. ILYINKA 23", "MOSCOW RU"], c.AddressLines);
        Assert.Equal(("MOSCOW", "RU"), (c.Town, c.Country));
    }

    [Theory]
    [InlineData(PartyRole.OrderingInstitution, ":52A:", "COBADEFFXXX")]
    [InlineData(PartyRole.SendersCorrespondent, ":53A:", "COBADEFF")]
    [InlineData(PartyRole.ReceiversCorrespondent, ":54A:", "RZBAATWW")]
    [InlineData(PartyRole.IntermediaryAgent1, ":56A:", "SABRRUMM")]
    [InlineData(PartyRole.AccountWithInstitution, ":57A:", "RNCORUMM")]
    public void Option_A_institutions_carry_their_bic(PartyRole role, string path, string bic)
    {
        var p = One(Load("mt103-50k-wrapped-name.fin"), role);
        Assert.Equal((path, bic, path), (p.Path, p.Bic, p.BicPath));
        Assert.True(role.IsFinancialInstitution());
    }

    [Fact]
    public void Field_50F_structured_lines()
    {
        var d = One(Load("mt103-50f-person-split.fin"), PartyRole.Debtor);
        Assert.Equal((":50F:", "MUELLER-HOFSTETTER ANNA MARIA"), (d.Path, d.Name));
        Assert.Equal(["RINGSTRASSE 12/4"], d.AddressLines);
        Assert.Equal(("WIEN", "AT", "AT611904300234573201"), (d.Town, d.Country, d.Account));
        Assert.Equal(
            [("19780521", "BirthDate", null), ("AT/GRAZ", "PlaceOfBirth", "AT"), ("P1234567", "NationalId", "AT")],
            d.OtherIds.Select(i => (i.Value, i.Scheme, i.Country)));
    }

    [Fact]
    public void Option_D_institutions_have_name_and_address()
    {
        var m = Load("mt103-50f-person-split.fin");
        var ordering = One(m, PartyRole.OrderingInstitution);
        Assert.Equal((":52D:", "RAIFFEISENLANDESBANK NIEDEROESTERREICH-WIEN AG"), (ordering.Path, ordering.Name));
        Assert.Equal(["F.-W.-RAIFFEISEN-PLATZ 1", "1020 WIEN AT"], ordering.AddressLines);
        Assert.Null(ordering.Bic);
        var intermediary = One(m, PartyRole.IntermediaryAgent1);
        Assert.Equal((":56D:", "HALYK BANK OF KAZAKHSTAN", "KZ"), (intermediary.Path, intermediary.Name, intermediary.Country));
        var accountWith = One(m, PartyRole.AccountWithInstitution);
        Assert.Equal((":57D:", "SEVASTOPOLSKY MORSKOY BANK"), (accountWith.Path, accountWith.Name));
        Assert.Equal(["ULITSA PORTOVAYA 11", "SEVASTOPOL, CRIMEA"], accountWith.AddressLines);
        Assert.Equal(("SEVASTOPOL", "UA"), (accountWith.Town, accountWith.Country));
    }

    [Fact]
    public void Free_text_fields_70_72_and_77B()
    {
        var a = Load("mt103-50k-wrapped-name.fin");
        Assert.Equal(
            [(PaymentFieldKind.RemittanceInformation, ":70:", "/INV/2023-1188 MACHINE TOOLS"), (PaymentFieldKind.SenderToReceiverInformation, ":72:", "/ACC/CREDIT WITHOUT DELAY\n//REF HME-RU-2023/11")],
            a.FreeText.Select(f => (f.Kind, f.Path, f.Text)));
        var b = Load("mt103-50f-person-split.fin");
        Assert.Equal("PAYMENT FOR CONSULTING\nSERVICES CONTRACT 12/2023", b.FreeText[0].Text);
        var c = Load("mt103-59f-crimea.fin");
        Assert.Equal((PaymentFieldKind.RegulatoryReporting, ":77B:", "/ORDERRES/DE//GOODS IMPORT"), (c.FreeText[1].Kind, c.FreeText[1].Path, c.FreeText[1].Text));
    }

    [Fact]
    public void Field_59F_beneficiary_in_sevastopol_and_other_options()
    {
        var m = Load("mt103-59f-crimea.fin");
        Assert.Equal("DB-23-556677", m.MessageId);
        var c = One(m, PartyRole.Creditor);
        Assert.Equal((":59F:", "CHERNOMORSKAYA TORGOVAYA KOMPANIYA OOO"), (c.Path, c.Name));
        Assert.Equal(["ULITSA LENINA 12"], c.AddressLines);
        Assert.Equal(("SEVASTOPOL", "UA", "UA743052990000026007233566001", "UA"), (c.Town, c.Country, c.Account, c.AccountCountry));

        var d = One(m, PartyRole.Debtor);
        Assert.Equal((":50A:", "HMESDEH1", "DE89370400440532013000"), (d.Path, d.Bic, d.Account));
        Assert.Null(d.Name);
        Assert.Equal("DEUTDEFF", One(m, PartyRole.SendingInstitution).Bic);
        var corr = One(m, PartyRole.SendersCorrespondent);
        Assert.Equal((":53B:", "12345678", "FRANKFURT"), (corr.Path, corr.Account, corr.Town));
        Assert.Equal("CITIUS33", One(m, PartyRole.ThirdReimbursementInstitution).Bic);
        var intermediary = One(m, PartyRole.IntermediaryAgent1);
        Assert.Equal((":56C:", "CH700483000051234567800", "CH"), (intermediary.Path, intermediary.Account, intermediary.AccountCountry));
        var accountWith = One(m, PartyRole.AccountWithInstitution);
        Assert.Equal(("MORKUAUK", "UA"), (accountWith.Bic, accountWith.BicCountry));
        Assert.Equal(("MORKUAUKXXX", "DE"), (One(m, PartyRole.InstructedAgent).Bic, One(m, PartyRole.InstructingAgent).BicCountry));
    }

    [Fact]
    public void Block_4_alone_is_read_as_MT103_with_option_59A()
    {
        var m = Load("mt103-block4-only-59a.fin");
        Assert.Equal(("MT103", "BO-EXPORT-0091"), (m.Format, m.MessageId));
        Assert.Empty(m.PartiesIn(PartyRole.InstructingAgent));
        var c = One(m, PartyRole.Creditor);
        Assert.Equal((":59A:", "BFICCUHH", "CU", "0300000004123361"), (c.Path, c.Bic, c.BicCountry, c.Account));
        var d = One(m, PartyRole.Debtor);
        Assert.Equal(("NORTHERN TEXTILES LTD", "LEEDS", "GB"), (d.Name, d.Town, d.Country));
    }

    private static PaymentFormatException Fails(string file, string from, string to)
    {
        var text = Text(file);
        Assert.Contains(from, text, StringComparison.Ordinal);
        return Assert.Throws<PaymentFormatException>(() => PaymentMessageParser.Parse(text.Replace(from, to, StringComparison.Ordinal)));
    }

    [Fact]
    public void Missing_field_59_is_named()
    {
        var ex = Fails("mt103-59f-crimea.fin", ":59F:/UA743052990000026007233566001\r\n1/CHERNOMORSKAYA TORGOVAYA\r\n1/KOMPANIYA OOO\r\n2/ULITSA LENINA 12\r\n3/UA/SEVASTOPOL\r\n", string.Empty);
        Assert.Equal(":59:", ex.Location);
        Assert.Equal("field :59:: missing mandatory field :59a: (beneficiary customer, options no letter, A, F)", ex.Message);
    }

    [Fact]
    public void Unknown_message_type_is_named()
    {
        var ex = Fails("mt103-50k-wrapped-name.fin", "{2:I103RZBAATWW", "{2:I202RZBAATWW");
        Assert.Equal("line 1, field {2:}: unknown message type MT202; only MT103 is supported", ex.Message);
    }

    [Fact]
    public void Truncated_block_4_is_named()
    {
        var text = Text("mt103-50f-person-split.fin");
        var cut = text[..text.IndexOf(":70:", StringComparison.Ordinal)];
        var ex = Assert.Throws<PaymentFormatException>(() => PaymentMessageParser.Parse(cut));
        Assert.Equal("line 27, field {4:}: block 4 is truncated: no closing '-}'", ex.Message);
    }

    [Fact]
    public void Truncated_header_block_is_named()
    {
        var ex = Assert.Throws<PaymentFormatException>(() => PaymentMessageParser.Parse("{1:F01COBADEFFAXXX0000000000}{2:I103RZBAATWW"));
        Assert.Equal("line 1, field {2:}: block 2 is truncated: no closing '}'", ex.Message);
    }

    [Fact]
    public void Invalid_bic_in_option_A_is_named_with_its_line()
    {
        var ex = Fails("mt103-50k-wrapped-name.fin", ":56A:SABRRUMM", ":56A:SABRRUM");
        Assert.Equal("line 13, field :56A:: 'SABRRUM' is not a valid BIC", ex.Message);
    }

    [Fact]
    public void Option_not_allowed_for_the_field_is_named()
    {
        var ex = Fails("mt103-50k-wrapped-name.fin", ":50K:", ":50C:");
        Assert.Equal("line 6, field :50C:: option C is not allowed for the ordering customer in MT103 (allowed: :50A:, :50F:, :50K:)", ex.Message);
    }

    [Fact]
    public void Unnumbered_line_in_50F_is_named()
    {
        var ex = Fails("mt103-50f-person-split.fin", "2/RINGSTRASSE 12/4", "RINGSTRASSE 12/4");
        Assert.Equal("line 8, field :50F:: line 'RINGSTRASSE 12/4' is not numbered (1/ name, 2/ address, 3/ country and town, ...)", ex.Message);
    }

    [Fact]
    public void Text_that_is_no_payment_message_is_rejected()
    {
        var ex = Assert.Throws<PaymentFormatException>(() => PaymentMessageParser.Parse("Dear team, please pay the attached invoice."));
        Assert.Equal("unknown message format: neither ISO 20022 XML nor a SWIFT FIN message ({1:...}{2:...}{4:...})", ex.Message);
    }
}
