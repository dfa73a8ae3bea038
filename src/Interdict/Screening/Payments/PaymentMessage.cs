namespace Interdict.Screening.Payments;

/// <summary>
/// What a payment says about who pays whom, through which banks and why, read from ISO 20022 XML or a SWIFT MT103,
/// reduced to what screening needs. Every value keeps the path it came from so that an alert can name the field.
/// </summary>
public sealed record PaymentMessage
{
    /// <summary>"pacs.008.001.08", "pain.001.001.09" (the namespace's message identifier) or "MT103".</summary>
    public required string Format { get; init; }

    /// <summary>GrpHdr/MsgId for ISO 20022, field :20: (sender's reference) for MT103.</summary>
    public required string MessageId { get; init; }

    public IReadOnlyList<PaymentParty> Parties { get; init; } = [];

    /// <summary>Remittance information, purpose, instructions to agents: text that is screened as text.</summary>
    public IReadOnlyList<PaymentField> FreeText { get; init; } = [];

    public IEnumerable<PaymentParty> PartiesIn(PartyRole role) => Parties.Where(p => p.Role == role);
}

/// <summary>
/// Roles as ISO 20022 names them; MT103 fields map onto them (:50a: Debtor, :59a: Creditor, :56a: IntermediaryAgent1,
/// sender and receiver of the message InstructingAgent and InstructedAgent) except where MT103 has its own notion
/// (:52a: ordering institution, :57a: account with institution, :53a:/:54a:/:55a: correspondents).
/// </summary>
public enum PartyRole
{
    Debtor,
    Creditor,
    UltimateDebtor,
    UltimateCreditor,
    InitiatingParty,
    DebtorAgent,
    CreditorAgent,
    IntermediaryAgent1,
    IntermediaryAgent2,
    IntermediaryAgent3,
    InstructingAgent,
    InstructedAgent,
    PreviousInstructingAgent1,
    PreviousInstructingAgent2,
    PreviousInstructingAgent3,
    ForwardingAgent,
    InstructingReimbursementAgent,
    InstructedReimbursementAgent,
    ThirdReimbursementAgent,

    /// <summary>MT103 :52a:, the debtor's bank.</summary>
    OrderingInstitution,

    /// <summary>MT103 :53a:.</summary>
    SendersCorrespondent,

    /// <summary>MT103 :54a:.</summary>
    ReceiversCorrespondent,

    /// <summary>MT103 :55a:.</summary>
    ThirdReimbursementInstitution,

    /// <summary>MT103 :57a:, the creditor's bank.</summary>
    AccountWithInstitution,

    /// <summary>MT103 :51A:.</summary>
    SendingInstitution,
}

public static class PartyRoles
{
    /// <summary>True for banks (agents, institutions, correspondents), false for customers (debtor, creditor, ultimate parties, initiating party).</summary>
    public static bool IsFinancialInstitution(this PartyRole role) =>
        role is not (PartyRole.Debtor or PartyRole.Creditor or PartyRole.UltimateDebtor or PartyRole.UltimateCreditor or PartyRole.InitiatingParty);
}

/// <summary>A party or bank named in a payment.</summary>
public sealed record PaymentParty
{
    public required PartyRole Role { get; init; }

    /// <summary>Where the party sits: "CdtTrfTxInf[2]/Cdtr", "PmtInf/DbtrAgt", ":59:", "{2:}".</summary>
    public required string Path { get; init; }

    /// <summary>The name as it should be screened: for MT103, name lines split by the 35-character field width are re-joined.</summary>
    public string? Name { get; init; }

    /// <summary>The element or field the name came from ("CdtTrfTxInf/Cdtr/Nm", ":59F:").</summary>
    public string? NamePath { get; init; }

    public IReadOnlyList<string> AddressLines { get; init; } = [];

    public string? Town { get; init; }

    /// <summary>Region or country subdivision (CtrySubDvsn, DstrctNm).</summary>
    public string? Region { get; init; }

    public string? PostalCode { get; init; }

    /// <summary>ISO 3166-1 alpha-2 from the address (PstlAdr/Ctry, 50F/59F line 3/), or resolved from a country name on the last line.</summary>
    public string? Country { get; init; }

    /// <summary>Country of residence (ISO 20022 CtryOfRes).</summary>
    public string? CountryOfResidence { get; init; }

    public string? AddressPath { get; init; }

    /// <summary>BIC (8 or 11 characters, upper case, shape validated).</summary>
    public string? Bic { get; init; }

    public string? BicPath { get; init; }

    public string? Lei { get; init; }

    /// <summary>Account identifier: an IBAN when the message gives one, otherwise the proprietary account number.</summary>
    public string? Account { get; init; }

    public string? AccountPath { get; init; }

    /// <summary>Further identifiers: national ids, customer numbers, clearing member ids, dates of birth.</summary>
    public IReadOnlyList<PartyIdentifier> OtherIds { get; init; } = [];

    /// <summary>Institution country derived from the BIC (characters 5-6).</summary>
    public string? BicCountry => Bic is null ? null : SwiftBic.CountryOf(Bic);

    /// <summary>Country of the account when it is a valid IBAN.</summary>
    public string? AccountCountry => Account is null ? null : Iban.CountryOf(Account);

    /// <summary>Every country the payment links to this party (address, residence, BIC, IBAN), for country screening.</summary>
    public IEnumerable<string> Countries =>
        new[] { Country, CountryOfResidence, BicCountry, AccountCountry }.OfType<string>().Distinct(StringComparer.Ordinal);

    public override string ToString() => $"{Role} {Path}: {Name ?? Bic ?? Account ?? "(unnamed)"}";
}

/// <summary>An identifier given for a party, with its scheme as the message writes it ("NIDN", "CCPT", "TXID", "ClrSysMmbId").</summary>
public sealed record PartyIdentifier(string Value, string? Scheme, string? Issuer, string Path)
{
    /// <summary>Issuing country when the scheme carries one (MT103 50F "CCPT/RU/..." and 7/ lines).</summary>
    public string? Country { get; init; }
}

public enum PaymentFieldKind
{
    /// <summary>RmtInf/Ustrd, :70:.</summary>
    RemittanceInformation,

    /// <summary>RmtInf/Strd texts: referred document numbers, creditor references, additional remittance information.</summary>
    StructuredRemittanceInformation,

    /// <summary>Purp/Cd or Purp/Prtry.</summary>
    Purpose,

    /// <summary>InstrForCdtrAgt/InstrInf.</summary>
    InstructionForCreditorAgent,

    /// <summary>InstrForNxtAgt/InstrInf, InstrForDbtrAgt.</summary>
    InstructionForNextAgent,

    /// <summary>MT103 :72:.</summary>
    SenderToReceiverInformation,

    /// <summary>RgltryRptg details, MT103 :77B:.</summary>
    RegulatoryReporting,
}

/// <summary>A free-text field of a payment; <see cref="Text"/> keeps the line breaks of the message.</summary>
public sealed record PaymentField(PaymentFieldKind Kind, string Path, string Text);
