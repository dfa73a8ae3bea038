using Interdict.Screening.Payments;

namespace Interdict.Tests.Screening.Payments;

public class Iso20022ParserTests
{
    private static PaymentMessage Load(string name) => PaymentMessageParser.ParseFile(TestPaths.Data("payments/" + name));

    private static PaymentParty One(PaymentMessage m, PartyRole role) => Assert.Single(m.PartiesIn(role));

    [Fact]
    public void Pacs008_reads_format_and_message_id()
    {
        var m = Load("pacs008-all-roles-sevastopol.xml");
        Assert.Equal("pacs.008.001.08", m.Format);
        Assert.Equal("HME20231228-000117", m.MessageId);
        Assert.Equal(16, m.Parties.Count);
    }

    [Theory]
    [InlineData(PartyRole.InstructingReimbursementAgent, "GrpHdr/SttlmInf/InstgRmbrsmntAgt", "COBADEFFXXX", "DE")]
    [InlineData(PartyRole.InstructedReimbursementAgent, "GrpHdr/SttlmInf/InstdRmbrsmntAgt", "CHASUS33XXX", "US")]
    [InlineData(PartyRole.ThirdReimbursementAgent, "GrpHdr/SttlmInf/ThrdRmbrsmntAgt", "CITIUS33", "US")]
    [InlineData(PartyRole.PreviousInstructingAgent1, "CdtTrfTxInf/PrvsInstgAgt1", "HYVEDEMMXXX", "DE")]
    [InlineData(PartyRole.InstructedAgent, "CdtTrfTxInf/InstdAgt", "RZBAATWWXXX", "AT")]
    [InlineData(PartyRole.IntermediaryAgent1, "CdtTrfTxInf/IntrmyAgt1", "SABRRUMM", "RU")]
    [InlineData(PartyRole.IntermediaryAgent3, "CdtTrfTxInf/IntrmyAgt3", "GIBAATWWXXX", "AT")]
    [InlineData(PartyRole.DebtorAgent, "CdtTrfTxInf/DbtrAgt", "COBADEHHXXX", "DE")]
    [InlineData(PartyRole.CreditorAgent, "CdtTrfTxInf/CdtrAgt", "RNCORUMM", "RU")]
    public void Pacs008_agents_carry_bic_path_and_institution_country(PartyRole role, string path, string bic, string country)
    {
        var agent = One(Load("pacs008-all-roles-sevastopol.xml"), role);
        Assert.Equal(path, agent.Path);
        Assert.Equal(bic, agent.Bic);
        Assert.Equal(path + "/FinInstnId/BICFI", agent.BicPath);
        Assert.Equal(country, agent.BicCountry);
        Assert.True(role.IsFinancialInstitution());
    }

    [Fact]
    public void Pacs008_instructing_agent_is_read_from_the_transaction()
    {
        var agent = One(Load("pacs008-all-roles-sevastopol.xml"), PartyRole.InstructingAgent);
        Assert.Equal("CdtTrfTxInf/InstgAgt", agent.Path);
        Assert.Equal("COBADEHHXXX", agent.Bic);
    }

    [Fact]
    public void Pacs008_agent_without_bic_keeps_name_address_and_clearing_id()
    {
        var m = Load("pacs008-all-roles-sevastopol.xml");
        var agent = One(m, PartyRole.IntermediaryAgent2);
        Assert.Null(agent.Bic);
        Assert.Equal("RNKB Bank (PAO) Moscow branch", agent.Name);
        Assert.Equal("CdtTrfTxInf/IntrmyAgt2/FinInstnId/Nm", agent.NamePath);
        Assert.Equal("Moscow", agent.Town);
        Assert.Equal("RU", agent.Country);
        var id = Assert.Single(agent.OtherIds);
        Assert.Equal(("044525607", "ClrSysMmbId", "RUCBC"), (id.Value, id.Scheme, id.Issuer));
        Assert.Equal("CdtTrfTxInf/IntrmyAgt1Acct/Id/Othr/Id", One(m, PartyRole.IntermediaryAgent1).AccountPath);
        Assert.Equal("PQOH26KWDF7CG10L6792", One(m, PartyRole.IntermediaryAgent3).Lei);
    }

    [Fact]
    public void Pacs008_creditor_agent_address_is_in_crimea()
    {
        var agent = One(Load("pacs008-all-roles-sevastopol.xml"), PartyRole.CreditorAgent);
        Assert.Equal("Russian National Commercial Bank", agent.Name);
        Assert.Equal(["Ulitsa Pushkina 32"], agent.AddressLines);
        Assert.Equal("Simferopol", agent.Town);
        Assert.Equal("Republic of Crimea", agent.Region);
        Assert.Equal("UA", agent.Country);
        Assert.Equal("CdtTrfTxInf/CdtrAgt/FinInstnId/PstlAdr", agent.AddressPath);
        Assert.Equal(["UA", "RU"], agent.Countries);
    }

    [Fact]
    public void Pacs008_debtor_has_address_account_and_registration()
    {
        var d = One(Load("pacs008-all-roles-sevastopol.xml"), PartyRole.Debtor);
        Assert.Equal("CdtTrfTxInf/Dbtr", d.Path);
        Assert.Equal("Hanseatic Machinery Export GmbH", d.Name);
        Assert.Equal("CdtTrfTxInf/Dbtr/Nm", d.NamePath);
        Assert.Equal(["Grosse Elbstrasse 145"], d.AddressLines);
        Assert.Equal(("Hamburg", "22767", "DE", "DE"), (d.Town, d.PostalCode, d.Country, d.CountryOfResidence));
        Assert.Equal("DE89370400440532013000", d.Account);
        Assert.Equal("CdtTrfTxInf/DbtrAcct/Id/IBAN", d.AccountPath);
        Assert.Equal("DE", d.AccountCountry);
        var reg = Assert.Single(d.OtherIds);
        Assert.Equal(("HRB 148213", "Handelsregister", "Amtsgericht Hamburg", "CdtTrfTxInf/Dbtr/Id/OrgId/Othr"), (reg.Value, reg.Scheme, reg.Issuer, reg.Path));
        Assert.False(d.Role.IsFinancialInstitution());
    }

    [Fact]
    public void Pacs008_creditor_is_the_listed_port_in_sevastopol()
    {
        var c = One(Load("pacs008-all-roles-sevastopol.xml"), PartyRole.Creditor);
        Assert.Equal("State Enterprise Sevastopol Sea Trading Port", c.Name);
        Assert.Equal("CdtTrfTxInf/Cdtr/Nm", c.NamePath);
        Assert.Equal(("Sevastopol", "299011", "UA"), (c.Town, c.PostalCode, c.Country));
        Assert.Equal("40702810000000012345", c.Account);
        Assert.Null(c.AccountCountry);
        Assert.Equal("TXID", Assert.Single(c.OtherIds).Scheme);
    }

    [Fact]
    public void Pacs008_ultimate_parties_and_initiating_party()
    {
        var m = Load("pacs008-all-roles-sevastopol.xml");
        var ud = One(m, PartyRole.UltimateDebtor);
        Assert.Equal(("Hanseatic Holding AG", "5299000J2N45DDNE4Y28", "CH"), (ud.Name, ud.Lei, ud.Country));
        var init = One(m, PartyRole.InitiatingParty);
        Assert.Equal(("HME Shared Services GmbH", "HMESDEH1XXX", "CdtTrfTxInf/InitgPty/Id/OrgId/AnyBIC"), (init.Name, init.Bic, init.BicPath));
        var uc = One(m, PartyRole.UltimateCreditor);
        Assert.Equal("Ivan Petrovich Sidorenko", uc.Name);
        Assert.Collection(
            uc.OtherIds,
            birth => Assert.Equal(("1971-03-12", "BirthDt", "Kerch, UA", "UA"), (birth.Value, birth.Scheme, birth.Issuer, birth.Country)),
            passport => Assert.Equal(("4509 112233", "CCPT", "RU"), (passport.Value, passport.Scheme, passport.Issuer)));
    }

    [Fact]
    public void Pacs008_free_text_fields_keep_kind_and_path()
    {
        var m = Load("pacs008-all-roles-sevastopol.xml");
        Assert.Equal(
            [
                (PaymentFieldKind.InstructionForCreditorAgent, "CdtTrfTxInf/InstrForCdtrAgt/InstrInf", "CALL BENEFICIARY BEFORE CREDIT"),
                (PaymentFieldKind.InstructionForNextAgent, "CdtTrfTxInf/InstrForNxtAgt/InstrInf", "COVER VIA RZBAATWW"),
                (PaymentFieldKind.Purpose, "CdtTrfTxInf/Purp/Cd", "GDDS"),
                (PaymentFieldKind.RegulatoryReporting, "CdtTrfTxInf/RgltryRptg/Dtls/Inf", "Export of industrial pumps HS 8413"),
                (PaymentFieldKind.RemittanceInformation, "CdtTrfTxInf/RmtInf/Ustrd[1]", "INVOICE 2023-1187 PUMP SPARE PARTS"),
                (PaymentFieldKind.RemittanceInformation, "CdtTrfTxInf/RmtInf/Ustrd[2]", "DELIVERY TO BERTH 7 KERCH FERRY TERMINAL"),
                (PaymentFieldKind.StructuredRemittanceInformation, "CdtTrfTxInf/RmtInf/Strd/RfrdDocInf/Nb", "2023-1187"),
                (PaymentFieldKind.StructuredRemittanceInformation, "CdtTrfTxInf/RmtInf/Strd/CdtrRefInf/Ref", "RF18539007547034"),
                (PaymentFieldKind.StructuredRemittanceInformation, "CdtTrfTxInf/RmtInf/Strd/AddtlRmtInf", "CONTRACT HME-CR-2023/07"),
            ],
            m.FreeText.Select(f => (f.Kind, f.Path, f.Text)));
    }

    [Fact]
    public void Pacs008_two_transactions_are_told_apart_by_index()
    {
        var m = Load("pacs008-two-transactions-vessel.xml");
        Assert.Equal("GLFM-20231228-88", m.MessageId);
        var creditors = m.PartiesIn(PartyRole.Creditor).ToList();
        Assert.Equal(
            [("CdtTrfTxInf[1]/Cdtr/Nm", "Bosphorus Ship Chartering Ltd", "TR"), ("CdtTrfTxInf[2]/Cdtr/Nm", "Pars Marine Spare Parts Co.", "IR")],
            creditors.Select(c => (c.NamePath!, c.Name!, c.Country!)));
        Assert.Equal("IR270170000000100324200001", creditors[1].Account);
        Assert.Equal("IR", creditors[1].AccountCountry);
        Assert.Equal("BTEJIRTH", m.PartiesIn(PartyRole.CreditorAgent).Last().Bic);
        Assert.Equal(["Office 1204, JAFZA One Tower A", "Jebel Ali Free Zone, Dubai"], m.PartiesIn(PartyRole.Debtor).First().AddressLines);

        var vessel = m.FreeText[0];
        Assert.Equal((PaymentFieldKind.RemittanceInformation, "CdtTrfTxInf[1]/RmtInf/Ustrd"), (vessel.Kind, vessel.Path));
        Assert.Contains("MV MARSHAL ZHUKOV IMO 9690224", vessel.Text, StringComparison.Ordinal);
        Assert.Equal((PaymentFieldKind.Purpose, "CdtTrfTxInf[2]/Purp/Prtry", "SPARE PARTS"), (m.FreeText[1].Kind, m.FreeText[1].Path, m.FreeText[1].Text));
    }

    [Fact]
    public void Other_versions_in_an_envelope_are_read_by_element_names()
    {
        var m = Load("pacs008-v10-envelope.xml");
        Assert.Equal("pacs.008.001.10", m.Format);
        Assert.Equal("BNP-20231228-4471", m.MessageId);
        var agent = One(m, PartyRole.CreditorAgent);
        Assert.Equal(("CBSYSYDAXXX", "SY", "CBSYSYDA"), (agent.Bic, agent.BicCountry, SwiftBic.Bic8(agent.Bic!)));
        Assert.Equal(("Al Mouwasat University Hospital", "Damascus", "SY"), (One(m, PartyRole.Creditor).Name, One(m, PartyRole.Creditor).Town, One(m, PartyRole.Creditor).Country));
        Assert.Equal("FR", One(m, PartyRole.Debtor).AccountCountry);
    }

    [Fact]
    public void Pain001_reads_two_payment_information_blocks()
    {
        var m = Load("pain001-two-payments.xml");
        Assert.Equal(("pain.001.001.09", "NLAGRI-PAIN-20231227-03"), (m.Format, m.MessageId));
        Assert.Equal(("GrpHdr/InitgPty", "Van der Berg Agri Trading B.V."), (One(m, PartyRole.InitiatingParty).Path, One(m, PartyRole.InitiatingParty).Name));
        Assert.Equal(("GrpHdr/FwdgAgt", "INGBNL2A", "NL"), (One(m, PartyRole.ForwardingAgent).Path, One(m, PartyRole.ForwardingAgent).Bic, One(m, PartyRole.ForwardingAgent).BicCountry));
        Assert.Equal(["PmtInf[1]/Dbtr", "PmtInf[2]/Dbtr"], m.PartiesIn(PartyRole.Debtor).Select(p => p.Path));
        Assert.Equal(["PmtInf[1]/DbtrAgt", "PmtInf[2]/DbtrAgt"], m.PartiesIn(PartyRole.DebtorAgent).Select(p => p.Path));
        Assert.Equal(
            [
                ("PmtInf[1]/CdtTrfTxInf[1]/Cdtr/Nm", "Saatgut Nord eG"),
                ("PmtInf[1]/CdtTrfTxInf[2]/Cdtr/Nm", "Empresa Comercializadora de Frutas Tropicales"),
                ("PmtInf[2]/CdtTrfTxInf/Cdtr/Nm", "Dandong Lianhe Agricultural Machinery Co., Ltd."),
            ],
            m.PartiesIn(PartyRole.Creditor).Select(p => (p.NamePath!, p.Name!)));
    }

    [Fact]
    public void Pain001_cuban_creditor_and_optional_roles()
    {
        var m = Load("pain001-two-payments.xml");
        var cuban = m.PartiesIn(PartyRole.Creditor).ElementAt(1);
        Assert.Equal(["Calle 23 No. 156 entre N y O, Vedado", "La Habana"], cuban.AddressLines);
        Assert.Equal("CU", cuban.Country);
        Assert.Equal(("BFICCUHH", "Banco Financiero Internacional S.A."), (m.PartiesIn(PartyRole.CreditorAgent).ElementAt(1).Bic, m.PartiesIn(PartyRole.CreditorAgent).ElementAt(1).Name));
        Assert.Equal(("PmtInf[2]/UltmtDbtr", "Van der Berg Holding N.V."), (One(m, PartyRole.UltimateDebtor).Path, One(m, PartyRole.UltimateDebtor).Name));
        Assert.Equal(("PmtInf[2]/CdtTrfTxInf/IntrmyAgt1", "BKCHCNBJ"), (One(m, PartyRole.IntermediaryAgent1).Path, One(m, PartyRole.IntermediaryAgent1).Bic));
        Assert.Equal(("Korea Kumsan Trading Corp.", "Pyongyang", "KP"), (One(m, PartyRole.UltimateCreditor).Name, One(m, PartyRole.UltimateCreditor).Town, One(m, PartyRole.UltimateCreditor).Country));
        Assert.Equal(
            [
                "PmtInf[1]/CdtTrfTxInf[1]/RmtInf/Ustrd",
                "PmtInf[1]/CdtTrfTxInf[2]/RmtInf/Ustrd",
                "PmtInf[2]/CdtTrfTxInf/InstrForDbtrAgt",
                "PmtInf[2]/CdtTrfTxInf/InstrForCdtrAgt/InstrInf",
                "PmtInf[2]/CdtTrfTxInf/Purp/Cd",
                "PmtInf[2]/CdtTrfTxInf/RmtInf/Ustrd",
            ],
            m.FreeText.Select(f => f.Path));
        Assert.Equal("Cuban mango pulp, contract VDB-CU-19", m.FreeText[1].Text);
    }

    private static string Modified(string file, string from, string to)
    {
        var xml = File.ReadAllText(TestPaths.Data("payments/" + file));
        Assert.Contains(from, xml, StringComparison.Ordinal);
        return xml.Replace(from, to, StringComparison.Ordinal);
    }

    [Fact]
    public void Bad_xml_names_the_line()
    {
        var xml = Modified("pacs008-all-roles-sevastopol.xml", "<Nm>Hanseatic Holding AG</Nm>", "<Nm>Hanseatic Holding AG</Name>");
        var ex = Assert.Throws<PaymentFormatException>(() => PaymentMessageParser.Parse(xml));
        Assert.Equal(86, ex.Line);
        Assert.StartsWith("line 86: malformed XML: The 'Nm' start tag on line 86", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Missing_creditor_is_named_with_its_transaction()
    {
        var xml = File.ReadAllText(TestPaths.Data("payments/pacs008-two-transactions-vessel.xml"));
        var from = xml.LastIndexOf("<Cdtr>", StringComparison.Ordinal);
        var to = xml.LastIndexOf("</Cdtr>", StringComparison.Ordinal) + "</Cdtr>".Length;
        xml = xml.Remove(from, to - from);
        var ex = Assert.Throws<PaymentFormatException>(() => PaymentMessageParser.Parse(xml));
        Assert.Equal("CdtTrfTxInf[2]/Cdtr", ex.Location);
        Assert.Equal("line 71, element <CdtTrfTxInf[2]/Cdtr>: missing mandatory element <Cdtr> in <CdtTrfTxInf>", ex.Message);
    }

    [Fact]
    public void Invalid_bic_is_named_with_its_element()
    {
        var xml = Modified("pacs008-all-roles-sevastopol.xml", "<BICFI>SABRRUMM</BICFI>", "<BICFI>SABR RUMM</BICFI>");
        var ex = Assert.Throws<PaymentFormatException>(() => PaymentMessageParser.Parse(xml));
        Assert.Equal("CdtTrfTxInf/IntrmyAgt1/FinInstnId/BICFI", ex.Location);
        Assert.StartsWith("line 54, element <CdtTrfTxInf/IntrmyAgt1/FinInstnId/BICFI>: 'SABR RUMM' is not a valid BIC", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Invalid_country_code_is_rejected()
    {
        var xml = Modified("pain001-two-payments.xml", "<Ctry>CU</Ctry>", "<Ctry>Cuba</Ctry>");
        var ex = Assert.Throws<PaymentFormatException>(() => PaymentMessageParser.Parse(xml));
        Assert.Equal("PmtInf[1]/CdtTrfTxInf[2]/Cdtr/PstlAdr/Ctry", ex.Location);
        Assert.EndsWith("'Cuba' is not an ISO 3166 alpha-2 country code", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Unknown_message_type_is_rejected()
    {
        var xml = """
            <?xml version="1.0"?>
            <Document xmlns="urn:iso:std:iso:20022:tech:xsd:pacs.009.001.08">
              <FICdtTrf><GrpHdr><MsgId>X1</MsgId></GrpHdr></FICdtTrf>
            </Document>
            """;
        var ex = Assert.Throws<PaymentFormatException>(() => PaymentMessageParser.Parse(xml));
        Assert.Equal("line 3, element <FICdtTrf>: unknown message type: <FICdtTrf> (pacs.009.001.08); expected FIToFICstmrCdtTrf (pacs.008) or CstmrCdtTrfInitn (pain.001)", ex.Message);
    }

    [Fact]
    public void Missing_message_id_is_rejected()
    {
        var xml = Modified("pain001-two-payments.xml", "<MsgId>NLAGRI-PAIN-20231227-03</MsgId>", string.Empty);
        var ex = Assert.Throws<PaymentFormatException>(() => PaymentMessageParser.Parse(xml));
        Assert.Equal("line 6, element <GrpHdr/MsgId>: missing mandatory element <MsgId> in <GrpHdr>", ex.Message);
    }

    [Fact]
    public void Document_type_declarations_are_refused()
    {
        // A payment arriving from outside must not be able to pull in external entities.
        const string xml = """
            <?xml version="1.0"?>
            <!DOCTYPE Document [<!ENTITY x SYSTEM "file:///etc/passwd">]>
            <Document xmlns="urn:iso:std:iso:20022:tech:xsd:pacs.008.001.08"><FIToFICstmrCdtTrf/></Document>
            """;
        var ex = Assert.Throws<PaymentFormatException>(() => PaymentMessageParser.Parse(xml));
        // In the product's words, with nothing of the XML library's settings ("DtdProcessing") in it.
        Assert.Equal("the XML declares a document type (<!DOCTYPE>); document types and entities are refused, remove the declaration", ex.Reason);
        Assert.DoesNotContain("DtdProcessing", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void File_errors_name_the_file()
    {
        var dir = TestPaths.TempDir();
        try
        {
            var path = Path.Combine(dir, "truncated.xml");
            var xml = File.ReadAllText(TestPaths.Data("payments/pacs008-v10-envelope.xml"));
            File.WriteAllText(path, xml[..1500]);
            var ex = Assert.Throws<PaymentFormatException>(() => PaymentMessageParser.ParseFile(path));
            Assert.Equal("truncated.xml", ex.File);
            Assert.StartsWith($"truncated.xml, line {ex.Line}: truncated XML", ex.Message, StringComparison.Ordinal);
            Assert.Equal(31, ex.Line);
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }
}
