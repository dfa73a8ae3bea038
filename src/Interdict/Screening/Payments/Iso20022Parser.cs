using System.Xml;
using System.Xml.Linq;

namespace Interdict.Screening.Payments;

/// <summary>
/// Reads ISO 20022 customer credit transfers: pacs.008 (FI to FI) and pain.001 (initiation), any version, by the local
/// names of the elements so that a version bump of the namespace does not break screening. A business application
/// header envelope around the Document is accepted. Paths are relative to the message element and carry [n] only
/// where an element repeats ("CdtTrfTxInf[2]/Cdtr/Nm").
/// </summary>
public static class Iso20022Parser
{
    private const string NamespacePrefix = "urn:iso:std:iso:20022:tech:xsd:";

    // Messages come from outside: no DTDs, so no entity expansion and no external fetches.
    private static readonly XmlReaderSettings Settings = new() { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null };

    public static PaymentMessage Parse(string xml)
    {
        XDocument doc;
        try
        {
            using var xmlReader = Sources.BoundedXmlReader.Create(new StringReader(xml), Settings, Sources.XmlBounds.Payments);
            doc = XDocument.Load(xmlReader, LoadOptions.SetLineInfo);
        }
        catch (XmlException ex)
        {
            throw new PaymentFormatException(Sources.SourceXml.Describe(ex), null, ex.LineNumber > 0 ? ex.LineNumber : null, ex);
        }

        var root = doc.Root!;
        var document = root.Name.LocalName == "Document" ? root : root.Descendants().FirstOrDefault(e => e.Name.LocalName == "Document") ?? root;
        var message = document.Name.LocalName == "Document" ? document.Elements().FirstOrDefault() : document;
        if (message is null)
        {
            throw new PaymentFormatException("the Document holds no message", "Document", Line(document));
        }

        var ns = message.Name.NamespaceName;
        var id = ns.StartsWith(NamespacePrefix, StringComparison.Ordinal) ? ns[NamespacePrefix.Length..] : null;
        var family = message.Name.LocalName switch
        {
            "FIToFICstmrCdtTrf" => "pacs.008",
            "CstmrCdtTrfInitn" => "pain.001",
            _ => throw new PaymentFormatException(
                $"unknown message type: <{message.Name.LocalName}>{(id is null ? string.Empty : $" ({id})")}; expected FIToFICstmrCdtTrf (pacs.008) or CstmrCdtTrfInitn (pain.001)",
                message.Name.LocalName,
                Line(message)),
        };
        if (id is not null && !id.StartsWith(family + ".", StringComparison.Ordinal))
        {
            throw new PaymentFormatException($"namespace {ns} does not match message element <{message.Name.LocalName}> ({family})", message.Name.LocalName, Line(message));
        }

        var reader = new Reader(message);
        return family == "pacs.008" ? reader.Pacs008(id ?? family) : reader.Pain001(id ?? family);
    }

    private static long? Line(XObject e) => e is IXmlLineInfo li && li.HasLineInfo() ? li.LineNumber : null;

    private sealed class Reader(XElement message)
    {
        private readonly List<PaymentParty> _parties = [];
        private readonly List<PaymentField> _text = [];

        public PaymentMessage Pacs008(string format)
        {
            var grpHdr = Required(message, "GrpHdr");
            var msgId = RequiredText(grpHdr, "MsgId");
            Agent(grpHdr, "InstgAgt", PartyRole.InstructingAgent);
            Agent(grpHdr, "InstdAgt", PartyRole.InstructedAgent);
            if (Child(grpHdr, "SttlmInf") is { } sttlm)
            {
                Agent(sttlm, "InstgRmbrsmntAgt", PartyRole.InstructingReimbursementAgent);
                Agent(sttlm, "InstdRmbrsmntAgt", PartyRole.InstructedReimbursementAgent);
                Agent(sttlm, "ThrdRmbrsmntAgt", PartyRole.ThirdReimbursementAgent);
            }

            var txs = Children(message, "CdtTrfTxInf").ToList();
            if (txs.Count == 0)
            {
                throw Missing(message, "CdtTrfTxInf");
            }

            foreach (var tx in txs)
            {
                Agent(tx, "PrvsInstgAgt1", PartyRole.PreviousInstructingAgent1);
                Agent(tx, "PrvsInstgAgt2", PartyRole.PreviousInstructingAgent2);
                Agent(tx, "PrvsInstgAgt3", PartyRole.PreviousInstructingAgent3);
                Agent(tx, "InstgAgt", PartyRole.InstructingAgent);
                Agent(tx, "InstdAgt", PartyRole.InstructedAgent);
                Agent(tx, "IntrmyAgt1", PartyRole.IntermediaryAgent1, "IntrmyAgt1Acct");
                Agent(tx, "IntrmyAgt2", PartyRole.IntermediaryAgent2, "IntrmyAgt2Acct");
                Agent(tx, "IntrmyAgt3", PartyRole.IntermediaryAgent3, "IntrmyAgt3Acct");
                Party(tx, "UltmtDbtr", PartyRole.UltimateDebtor);
                Party(tx, "InitgPty", PartyRole.InitiatingParty);
                Party(tx, "Dbtr", PartyRole.Debtor, "DbtrAcct", required: true);
                Agent(tx, "DbtrAgt", PartyRole.DebtorAgent, "DbtrAgtAcct", required: true);
                Agent(tx, "CdtrAgt", PartyRole.CreditorAgent, "CdtrAgtAcct", required: true);
                Party(tx, "Cdtr", PartyRole.Creditor, "CdtrAcct", required: true);
                Party(tx, "UltmtCdtr", PartyRole.UltimateCreditor);
                TransactionText(tx);
            }

            return new PaymentMessage { Format = format, MessageId = msgId, Parties = _parties, FreeText = _text };
        }

        public PaymentMessage Pain001(string format)
        {
            var grpHdr = Required(message, "GrpHdr");
            var msgId = RequiredText(grpHdr, "MsgId");
            Party(grpHdr, "InitgPty", PartyRole.InitiatingParty, required: true);
            Agent(grpHdr, "FwdgAgt", PartyRole.ForwardingAgent);
            var pmtInfs = Children(message, "PmtInf").ToList();
            if (pmtInfs.Count == 0)
            {
                throw Missing(message, "PmtInf");
            }

            foreach (var pmtInf in pmtInfs)
            {
                Party(pmtInf, "Dbtr", PartyRole.Debtor, "DbtrAcct", required: true);
                Agent(pmtInf, "DbtrAgt", PartyRole.DebtorAgent, "DbtrAgtAcct", required: true);
                Party(pmtInf, "UltmtDbtr", PartyRole.UltimateDebtor);
                if (Child(pmtInf, "InstrForDbtrAgt") is { } pmtInstr)
                {
                    AddText(PaymentFieldKind.InstructionForNextAgent, pmtInstr);
                }

                var txs = Children(pmtInf, "CdtTrfTxInf").ToList();
                if (txs.Count == 0)
                {
                    throw Missing(pmtInf, "CdtTrfTxInf");
                }

                foreach (var tx in txs)
                {
                    Party(tx, "UltmtDbtr", PartyRole.UltimateDebtor);
                    Agent(tx, "IntrmyAgt1", PartyRole.IntermediaryAgent1, "IntrmyAgt1Acct");
                    Agent(tx, "IntrmyAgt2", PartyRole.IntermediaryAgent2, "IntrmyAgt2Acct");
                    Agent(tx, "IntrmyAgt3", PartyRole.IntermediaryAgent3, "IntrmyAgt3Acct");
                    Agent(tx, "CdtrAgt", PartyRole.CreditorAgent, "CdtrAgtAcct");
                    Party(tx, "Cdtr", PartyRole.Creditor, "CdtrAcct");
                    Party(tx, "UltmtCdtr", PartyRole.UltimateCreditor);
                    if (Child(tx, "InstrForDbtrAgt") is { } instr)
                    {
                        AddText(PaymentFieldKind.InstructionForNextAgent, instr);
                    }

                    TransactionText(tx);
                }
            }

            return new PaymentMessage { Format = format, MessageId = msgId, Parties = _parties, FreeText = _text };
        }

        private void TransactionText(XElement tx)
        {
            foreach (var instr in Children(tx, "InstrForCdtrAgt"))
            {
                AddText(PaymentFieldKind.InstructionForCreditorAgent, Child(instr, "InstrInf"));
            }

            foreach (var instr in Children(tx, "InstrForNxtAgt"))
            {
                AddText(PaymentFieldKind.InstructionForNextAgent, Child(instr, "InstrInf"));
            }

            if (Child(tx, "Purp") is { } purp)
            {
                AddText(PaymentFieldKind.Purpose, Child(purp, "Cd") ?? Child(purp, "Prtry"));
            }

            foreach (var rptg in Children(tx, "RgltryRptg"))
            {
                foreach (var inf in rptg.Descendants().Where(e => e.Name.LocalName == "Inf"))
                {
                    AddText(PaymentFieldKind.RegulatoryReporting, inf);
                }
            }

            if (Child(tx, "RmtInf") is { } rmt)
            {
                foreach (var ustrd in Children(rmt, "Ustrd"))
                {
                    AddText(PaymentFieldKind.RemittanceInformation, ustrd);
                }

                foreach (var strd in Children(rmt, "Strd"))
                {
                    foreach (var e in strd.Descendants().Where(e => e.Name.LocalName is "AddtlRmtInf" or "Ref" or "Nb" or "Nm" or "AdrLine"))
                    {
                        AddText(PaymentFieldKind.StructuredRemittanceInformation, e);
                    }
                }
            }
        }

        private void AddText(PaymentFieldKind kind, XElement? e)
        {
            var v = Value(e);
            if (v is not null)
            {
                _text.Add(new PaymentField(kind, PathOf(e!), v));
            }
        }

        private void Party(XElement parent, string name, PartyRole role, string? accountName = null, bool required = false)
        {
            var e = Child(parent, name);
            if (e is null)
            {
                if (required)
                {
                    throw Missing(parent, name);
                }

                return;
            }

            var path = PathOf(e);
            var nm = Child(e, "Nm");
            var ids = new List<PartyIdentifier>();
            string? bic = null, bicPath = null, lei = null;
            if (Child(e, "Id") is { } id)
            {
                if (Child(id, "OrgId") is { } org)
                {
                    (bic, bicPath) = Bic(Child(org, "AnyBIC"));
                    lei = Value(Child(org, "LEI"));
                    ids.AddRange(Others(org));
                }

                if (Child(id, "PrvtId") is { } prvt)
                {
                    if (Child(prvt, "DtAndPlcOfBirth") is { } birth)
                    {
                        var where = string.Join(", ", new[] { Value(Child(birth, "CityOfBirth")), Value(Child(birth, "PrvcOfBirth")), Value(Child(birth, "CtryOfBirth")) }.OfType<string>());
                        if (Value(Child(birth, "BirthDt")) is { } dob)
                        {
                            ids.Add(new PartyIdentifier(dob, "BirthDt", where.Length == 0 ? null : where, PathOf(birth)) { Country = Country(Child(birth, "CtryOfBirth")) });
                        }
                    }

                    ids.AddRange(Others(prvt));
                }
            }

            var (account, accountPath) = Account(accountName is null ? null : Child(parent, accountName));
            _parties.Add(WithAddress(
                new PaymentParty
                {
                    Role = role,
                    Path = path,
                    Name = Value(nm),
                    NamePath = nm is null ? null : PathOf(nm),
                    Bic = bic,
                    BicPath = bicPath,
                    Lei = lei,
                    Account = account,
                    AccountPath = accountPath,
                    OtherIds = ids,
                    CountryOfResidence = Country(Child(e, "CtryOfRes")),
                },
                Child(e, "PstlAdr")));
        }

        private void Agent(XElement parent, string name, PartyRole role, string? accountName = null, bool required = false)
        {
            var e = Child(parent, name);
            if (e is null)
            {
                if (required)
                {
                    throw Missing(parent, name);
                }

                return;
            }

            var fin = Child(e, "FinInstnId") ?? throw Missing(e, "FinInstnId");
            var (bic, bicPath) = Bic(Child(fin, "BICFI"));
            var nm = Child(fin, "Nm");
            var ids = new List<PartyIdentifier>();
            if (Child(fin, "ClrSysMmbId") is { } clr && Value(Child(clr, "MmbId")) is { } member)
            {
                var sys = Child(clr, "ClrSysId");
                ids.Add(new PartyIdentifier(member, "ClrSysMmbId", Value(Child(sys, "Cd")) ?? Value(Child(sys, "Prtry")), PathOf(clr)));
            }

            ids.AddRange(Others(fin));
            if (Value(Child(Child(e, "BrnchId"), "Id")) is { } branch)
            {
                ids.Add(new PartyIdentifier(branch, "BrnchId", null, PathOf(Child(e, "BrnchId")!)));
            }

            var (account, accountPath) = Account(accountName is null ? null : Child(parent, accountName));
            _parties.Add(WithAddress(
                new PaymentParty
                {
                    Role = role,
                    Path = PathOf(e),
                    Name = Value(nm),
                    NamePath = nm is null ? null : PathOf(nm),
                    Bic = bic,
                    BicPath = bicPath,
                    Lei = Value(Child(fin, "LEI")),
                    Account = account,
                    AccountPath = accountPath,
                    OtherIds = ids,
                },
                Child(fin, "PstlAdr")));
        }

        private static PaymentParty WithAddress(PaymentParty p, XElement? adr)
        {
            if (adr is null)
            {
                return p;
            }

            var lines = new List<string>();
            void Add(params string?[] parts)
            {
                var line = string.Join(" ", parts.OfType<string>());
                if (line.Length > 0)
                {
                    lines.Add(line);
                }
            }

            Add(Value(Child(adr, "Dept")));
            Add(Value(Child(adr, "SubDept")));
            Add(Value(Child(adr, "StrtNm")), Value(Child(adr, "BldgNb")));
            Add(Value(Child(adr, "BldgNm")));
            Add(Value(Child(adr, "Flr")));
            Add(Value(Child(adr, "Room")));
            Add(Value(Child(adr, "PstBx")));
            Add(Value(Child(adr, "TwnLctnNm")));
            foreach (var l in Children(adr, "AdrLine"))
            {
                Add(Value(l));
            }

            var region = string.Join(", ", new[] { Value(Child(adr, "DstrctNm")), Value(Child(adr, "CtrySubDvsn")) }.OfType<string>());
            return p with
            {
                AddressLines = lines,
                Town = Value(Child(adr, "TwnNm")),
                Region = region.Length == 0 ? null : region,
                PostalCode = Value(Child(adr, "PstCd")),
                Country = Country(Child(adr, "Ctry")),
                AddressPath = PathOf(adr),
            };
        }

        private static IEnumerable<PartyIdentifier> Others(XElement holder)
        {
            foreach (var o in Children(holder, "Othr"))
            {
                if (Value(Child(o, "Id")) is { } v)
                {
                    var schme = Child(o, "SchmeNm");
                    yield return new PartyIdentifier(v, Value(Child(schme, "Cd")) ?? Value(Child(schme, "Prtry")), Value(Child(o, "Issr")), PathOf(o));
                }
            }
        }

        private static (string? Value, string? Path) Bic(XElement? e)
        {
            if (Value(e) is not { } raw)
            {
                return (null, null);
            }

            var bic = SwiftBic.Normalize(raw) ?? throw new PaymentFormatException($"'{raw}' is not a valid BIC (4 letters or digits, 2-letter country, 2 location and optional 3 branch characters)", PathOf(e!), Line(e!));
            return (bic, PathOf(e!));
        }

        private static (string? Value, string? Path) Account(XElement? acct)
        {
            var id = Child(acct, "Id");
            if (id is null)
            {
                return (null, null);
            }

            var iban = Child(id, "IBAN");
            var e = iban ?? Child(Child(id, "Othr"), "Id");
            return Value(e) is { } v ? (v.Replace(" ", string.Empty, StringComparison.Ordinal), PathOf(e!)) : (null, null);
        }

        private static string? Country(XElement? e)
        {
            if (Value(e) is not { } v)
            {
                return null;
            }

            if (v.Length != 2 || !SwiftBic.KnownCountry(v.ToUpperInvariant()))
            {
                throw new PaymentFormatException($"'{v}' is not an ISO 3166 alpha-2 country code", PathOf(e!), Line(e!));
            }

            return v.ToUpperInvariant();
        }

        private static XElement Required(XElement parent, string name) => Child(parent, name) ?? throw Missing(parent, name);

        private static string RequiredText(XElement parent, string name) => Value(Child(parent, name)) ?? throw Missing(parent, name);

        private static PaymentFormatException Missing(XElement parent, string name)
        {
            var at = parent.Parent is null || parent.Name.LocalName is "FIToFICstmrCdtTrf" or "CstmrCdtTrfInitn" ? name : PathOf(parent) + "/" + name;
            return new PaymentFormatException($"missing mandatory element <{name}> in <{parent.Name.LocalName}>", at, Line(parent));
        }

        private static XElement? Child(XElement? e, string localName)
        {
            if (e is null)
            {
                return null;
            }

            foreach (var c in e.Elements())
            {
                if (c.Name.LocalName == localName)
                {
                    return c;
                }
            }

            return null;
        }

        private static IEnumerable<XElement> Children(XElement e, string localName) => e.Elements().Where(c => c.Name.LocalName == localName);

        private static string? Value(XElement? e)
        {
            if (e is null)
            {
                return null;
            }

            var v = e.Value.Trim();
            return v.Length == 0 ? null : v;
        }

        /// <summary>Path below the message element; [n] is added only where the element repeats among its siblings.</summary>
        private static string PathOf(XElement e)
        {
            var parts = new List<string>();
            for (var x = e; x is not null && x.Parent is not null && x.Name.LocalName is not ("FIToFICstmrCdtTrf" or "CstmrCdtTrfInitn"); x = x.Parent)
            {
                var name = x.Name.LocalName;
                var same = 0;
                var index = 0;
                foreach (var s in x.Parent.Elements())
                {
                    if (s.Name.LocalName == name)
                    {
                        same++;
                        if (s == x)
                        {
                            index = same;
                        }
                    }
                }

                parts.Add(same > 1 ? $"{name}[{index}]" : name);
            }

            parts.Reverse();
            return string.Join("/", parts);
        }
    }
}
