using System.Text.RegularExpressions;

namespace Interdict.Screening.Payments;

/// <summary>
/// Reads SWIFT MT103 (single customer credit transfer): the header blocks 1 and 2 (sender and receiver), and the
/// parties, banks and free text of block 4. Party paths are field tags (":59F:"); name lines that the 35-character
/// field width split are joined again, because a listed name broken over two lines must still be screened whole.
/// </summary>
public static partial class Mt103Parser
{
    private const int LineWidth = 35;

    public static PaymentMessage Parse(string text)
    {
        var blocks = SplitBlocks(text);
        var parties = new List<PaymentParty>();
        if (blocks.Block2 is { } b2)
        {
            if (b2.Length < 4 || (b2[0] != 'I' && b2[0] != 'O'))
            {
                throw new PaymentFormatException($"application header '{b2}' is truncated or does not start with I or O", "{2:}", 1);
            }

            var type = b2.Substring(1, 3);
            if (type != "103")
            {
                throw new PaymentFormatException($"unknown message type MT{type}; only MT103 is supported", "{2:}", 1);
            }

            // Input messages carry the receiver in block 2 and the sender in block 1; output messages the other way round.
            var input = b2[0] == 'I';
            var b2Address = input ? Slice(b2, 4, 12) : Slice(b2, 14, 12);
            if (b2Address is null)
            {
                throw new PaymentFormatException($"application header '{b2}' is truncated: no 12-character logical terminal address", "{2:}", 1);
            }

            var b1Address = blocks.Block1 is { } b1 ? Slice(b1, 3, 12) : null;
            if (blocks.Block1 is not null && b1Address is null)
            {
                throw new PaymentFormatException($"basic header '{blocks.Block1}' is truncated: no 12-character logical terminal address", "{1:}", 1);
            }

            if (b1Address is not null)
            {
                parties.Add(HeaderParty(input ? PartyRole.InstructingAgent : PartyRole.InstructedAgent, "{1:}", b1Address));
            }

            parties.Add(HeaderParty(input ? PartyRole.InstructedAgent : PartyRole.InstructingAgent, "{2:}", b2Address));
        }

        var fields = ReadFields(blocks.Block4, blocks.Block4Line);
        var msgId = Required(fields, "20", "20", "sender's reference").Text;
        Required(fields, "23B", "23B", "bank operation code");
        Required(fields, "32A", "32A", "value date, currency, amount");
        Required(fields, "50", "50a", "ordering customer, options A, F, K");
        Required(fields, "59", "59a", "beneficiary customer, options no letter, A, F");
        Required(fields, "71A", "71A", "details of charges");

        var freeText = new List<PaymentField>();
        foreach (var f in fields)
        {
            switch (f.Tag[..2])
            {
                case "50":
                    parties.Add(Customer(f, PartyRole.Debtor, "AFK"));
                    break;
                case "59":
                    parties.Add(Customer(f, PartyRole.Creditor, " AF"));
                    break;
                case "51":
                    parties.Add(Institution(f, PartyRole.SendingInstitution, "A"));
                    break;
                case "52":
                    parties.Add(Institution(f, PartyRole.OrderingInstitution, "AD"));
                    break;
                case "53":
                    parties.Add(Institution(f, PartyRole.SendersCorrespondent, "ABD"));
                    break;
                case "54":
                    parties.Add(Institution(f, PartyRole.ReceiversCorrespondent, "ABD"));
                    break;
                case "55":
                    parties.Add(Institution(f, PartyRole.ThirdReimbursementInstitution, "ABD"));
                    break;
                case "56":
                    parties.Add(Institution(f, PartyRole.IntermediaryAgent1, "ACD"));
                    break;
                case "57":
                    parties.Add(Institution(f, PartyRole.AccountWithInstitution, "ABCD"));
                    break;
                case "70":
                    freeText.Add(new PaymentField(PaymentFieldKind.RemittanceInformation, f.Path, f.Text));
                    break;
                case "72":
                    freeText.Add(new PaymentField(PaymentFieldKind.SenderToReceiverInformation, f.Path, f.Text));
                    break;
                case "77" when f.Tag == "77B":
                    freeText.Add(new PaymentField(PaymentFieldKind.RegulatoryReporting, f.Path, f.Text));
                    break;
                default:
                    break;
            }
        }

        return new PaymentMessage { Format = "MT103", MessageId = msgId, Parties = parties, FreeText = freeText };
    }

    private static string? Slice(string s, int start, int length) => s.Length >= start + length ? s.Substring(start, length) : null;

    private static PaymentParty HeaderParty(PartyRole role, string path, string ltAddress)
    {
        // A logical terminal address is BIC8 + terminal code + branch; the terminal code is not part of the BIC.
        var raw = ltAddress[..8] + ltAddress[9..];
        var bic = SwiftBic.Normalize(raw) ?? throw new PaymentFormatException($"'{ltAddress}' does not hold a valid BIC", path, 1);
        return new PaymentParty { Role = role, Path = path, Bic = bic, BicPath = path };
    }

    private sealed record Field(string Tag, List<string> Lines, long Line)
    {
        public string Path => $":{Tag}:";

        public string Text => string.Join("\n", Lines);

        public char Option => Tag.Length == 3 ? Tag[2] : ' ';
    }

    private sealed record Blocks(string? Block1, string? Block2, string Block4, long Block4Line);

    private static Blocks SplitBlocks(string text)
    {
        var t = text.TrimStart('\uFEFF', ' ', '\t', '\r', '\n');
        if (t.StartsWith(':'))
        {
            // Block 4 on its own, as back offices often store it.
            return new Blocks(null, null, "\n" + t.TrimEnd() + "\n-", 1);
        }

        if (!t.StartsWith('{'))
        {
            throw new PaymentFormatException("unknown message format: neither ISO 20022 XML nor a SWIFT FIN message ({1:...}{2:...}{4:...})");
        }

        string? b1 = null, b2 = null, b4 = null;
        long b4Line = 1;
        var i = 0;
        while (i < t.Length)
        {
            if (char.IsWhiteSpace(t[i]))
            {
                i++;
                continue;
            }

            if (t[i] != '{')
            {
                throw new PaymentFormatException($"unexpected '{t[i]}' between blocks", $"block after {{{(b4 is not null ? "4" : b2 is not null ? "2" : "1")}:}}", LineAt(t, i));
            }

            var colon = t.IndexOf(':', i);
            if (colon < 0)
            {
                throw new PaymentFormatException("truncated block: no block identifier", "block", LineAt(t, i));
            }

            var id = t[(i + 1)..colon];
            if (id.Length is 0 or > 3 || !id.All(char.IsAsciiLetterOrDigit))
            {
                // "{1:", "{2:", "{4:" ...: a colon far away or braces in between mean the block header is damaged.
                throw new PaymentFormatException($"malformed block header '{Shorten(t[i..Math.Min(t.Length, colon + 1)])}' (expected {{1:, {{2:, {{3:, {{4: or {{5:)", "block", LineAt(t, i));
            }

            if (id == "4")
            {
                var end = t.IndexOf("\n-}", colon, StringComparison.Ordinal);
                if (end < 0)
                {
                    throw new PaymentFormatException("block 4 is truncated: no closing '-}'", "{4:}", LineAt(t, t.Length));
                }

                b4 = t[(colon + 1)..(end + 2)];
                b4Line = LineAt(t, colon);
                i = end + 3;
                continue;
            }

            // Blocks 3 and 5 nest {tag:value} sub-blocks; balance braces.
            var depth = 0;
            var j = i;
            for (; j < t.Length; j++)
            {
                if (t[j] == '{')
                {
                    depth++;
                }
                else if (t[j] == '}' && --depth == 0)
                {
                    break;
                }
            }

            if (j >= t.Length)
            {
                throw new PaymentFormatException($"block {id} is truncated: no closing '}}'", $"{{{id}:}}", LineAt(t, t.Length));
            }

            var content = t[(colon + 1)..j];
            switch (id)
            {
                case "1":
                    b1 = content;
                    break;
                case "2":
                    b2 = content;
                    break;
                case "3" or "5" or "S":
                    break;
                default:
                    throw new PaymentFormatException($"unknown block identifier '{id}'", $"{{{id}:}}", LineAt(t, i));
            }

            i = j + 1;
        }

        if (b2 is null && b1 is not null)
        {
            throw new PaymentFormatException("application header block 2 is missing, so the message type is unknown", "{2:}", 1);
        }

        if (b4 is null)
        {
            throw new PaymentFormatException("text block 4 is missing", "{4:}", LineAt(t, t.Length));
        }

        return new Blocks(b1, b2, b4, b4Line);
    }

    private static string Shorten(string s) => s.Length <= 20 ? s : s[..20] + "...";

    private static long LineAt(string s, int index)
    {
        long line = 1;
        for (var k = 0; k < index && k < s.Length; k++)
        {
            if (s[k] == '\n')
            {
                line++;
            }
        }

        return line;
    }

    [GeneratedRegex(@"^:(\d{2}[A-Z]?):(.*)$")]
    private static partial Regex FieldStart();

    private static List<Field> ReadFields(string block4, long firstLine)
    {
        var lines = block4.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        var fields = new List<Field>();
        Field? current = null;

        // lines[0] is what follows "{4:" on its own line; the final element is the "-" terminator.
        for (var k = 0; k < lines.Length; k++)
        {
            var line = lines[k].TrimEnd('\r');
            var lineNo = firstLine + k;
            if (k == 0)
            {
                if (line.Length > 0)
                {
                    throw new PaymentFormatException($"block 4 must start with a line break after '{{4:', found '{line}'", "{4:}", lineNo);
                }

                continue;
            }

            if (k == lines.Length - 1 && line == "-")
            {
                break;
            }

            var m = FieldStart().Match(line);
            if (m.Success)
            {
                current = new Field(m.Groups[1].Value, [m.Groups[2].Value], lineNo);
                fields.Add(current);
            }
            else if (current is null)
            {
                throw new PaymentFormatException($"text '{line}' before the first field tag", "{4:}", lineNo);
            }
            else
            {
                current.Lines.Add(line);
            }
        }

        return fields;
    }

    private static Field Required(List<Field> fields, string prefix, string display, string meaning) =>
        fields.FirstOrDefault(f => f.Tag.StartsWith(prefix, StringComparison.Ordinal) && f.Lines.Any(l => l.Trim().Length > 0))
        ?? throw new PaymentFormatException($"missing mandatory field :{display}: ({meaning})", $":{display.TrimEnd('a')}:");

    private static void CheckOption(Field f, string allowed, string meaning)
    {
        if (!allowed.Contains(f.Option, StringComparison.Ordinal))
        {
            var options = string.Join(", ", allowed.Select(o => o == ' ' ? $":{f.Tag[..2]}:" : $":{f.Tag[..2]}{o}:"));
            throw new PaymentFormatException($"option {f.Tag[2..]} is not allowed for the {meaning} in MT103 (allowed: {options})", f.Path, f.Line);
        }
    }

    private static PaymentParty Customer(Field f, PartyRole role, string options)
    {
        CheckOption(f, options, role == PartyRole.Debtor ? "ordering customer" : "beneficiary customer");
        return f.Option switch
        {
            'A' => BicOption(f, role),
            'F' => Structured(f, role),
            _ => FreeFormat(f, role),
        };
    }

    private static PaymentParty Institution(Field f, PartyRole role, string options)
    {
        CheckOption(f, options, role.ToString());
        switch (f.Option)
        {
            case 'A':
                return BicOption(f, role);
            case 'B':
                {
                    var (account, rest) = SplitAccount(f.Lines);
                    return new PaymentParty { Role = role, Path = f.Path, Account = account, AccountPath = account is null ? null : f.Path, Town = rest.FirstOrDefault(), AddressPath = rest.Count > 0 ? f.Path : null };
                }

            case 'C':
                return new PaymentParty { Role = role, Path = f.Path, Account = CleanAccount(f.Lines[0]), AccountPath = f.Path };
            default:
                return FreeFormat(f, role);
        }
    }

    /// <summary>Splits off the optional first line "/account" or "/D/account" (party identifier).</summary>
    private static (string? Account, List<string> Lines) SplitAccount(List<string> lines)
    {
        var trimmed = lines.Select(l => l.Trim()).Where(l => l.Length > 0).ToList();
        if (trimmed.Count > 0 && trimmed[0].StartsWith('/'))
        {
            return (CleanAccount(trimmed[0]), trimmed.Skip(1).ToList());
        }

        return (null, trimmed);
    }

    private static string? CleanAccount(string line)
    {
        var v = line.Trim();
        if (v.Length > 3 && v[0] == '/' && v[2] == '/' && v[1] is 'C' or 'D')
        {
            v = v[3..];
        }

        v = v.TrimStart('/').Replace(" ", string.Empty, StringComparison.Ordinal);
        return v.Length == 0 ? null : v;
    }

    private static PaymentParty BicOption(Field f, PartyRole role)
    {
        var (account, rest) = SplitAccount(f.Lines);
        if (rest.Count == 0)
        {
            throw new PaymentFormatException("option A requires a BIC line", f.Path, f.Line);
        }

        var bic = SwiftBic.Normalize(rest[0]) ?? throw new PaymentFormatException($"'{rest[0]}' is not a valid BIC", f.Path, f.Line + f.Lines.IndexOf(rest[0]));
        return new PaymentParty { Role = role, Path = f.Path, Bic = bic, BicPath = f.Path, Account = account, AccountPath = account is null ? null : f.Path };
    }

    [GeneratedRegex(@"^([1-8])/(.*)$")]
    private static partial Regex NumberedLine();

    [GeneratedRegex(@"^([A-Z]{4})/([A-Z]{2})/(.+)$")]
    private static partial Regex CodedIdentifier();

    /// <summary>Options 50F and 59F: a party identifier line, then lines numbered 1/ name, 2/ address, 3/ country/town, 4/-8/ identification.</summary>
    private static PaymentParty Structured(Field f, PartyRole role)
    {
        string? account = null;
        var ids = new List<PartyIdentifier>();
        var name = new List<string>();
        var address = new List<string>();
        string? country = null, town = null;
        var lines = f.Lines.Select(l => l.Trim()).Where(l => l.Length > 0).ToList();
        var start = 0;
        if (lines.Count > 0 && !NumberedLine().IsMatch(lines[0]))
        {
            start = 1;
            if (CodedIdentifier().Match(lines[0]) is { Success: true } coded)
            {
                ids.Add(new PartyIdentifier(coded.Groups[3].Value, coded.Groups[1].Value, null, f.Path) { Country = coded.Groups[2].Value });
            }
            else if (lines[0].StartsWith('/'))
            {
                account = CleanAccount(lines[0]);
            }
            else
            {
                throw new PaymentFormatException($"party identifier '{lines[0]}' is neither /account nor CODE/CC/identifier", f.Path, f.Line);
            }
        }

        for (var k = start; k < lines.Count; k++)
        {
            var m = NumberedLine().Match(lines[k]);
            if (!m.Success)
            {
                throw new PaymentFormatException($"line '{lines[k]}' is not numbered (1/ name, 2/ address, 3/ country and town, ...)", f.Path, f.Line + k);
            }

            var value = m.Groups[2].Value.Trim();
            switch (m.Groups[1].Value)
            {
                case "1":
                    name.Add(value);
                    break;
                case "2":
                    address.Add(value);
                    break;
                case "3" when country is null:
                    {
                        var slash = value.IndexOf('/', StringComparison.Ordinal);
                        var code = slash < 0 ? value : value[..slash];
                        if (code.Length != 2 || !SwiftBic.KnownCountry(code))
                        {
                            throw new PaymentFormatException($"line 3/ must start with an ISO country code, found '{value}'", f.Path, f.Line + k);
                        }

                        country = code;
                        town = slash < 0 ? null : value[(slash + 1)..].Trim();
                        break;
                    }

                case "3":
                    town = town is null ? value : town + " " + value;
                    break;
                case "4":
                    ids.Add(new PartyIdentifier(value, "BirthDate", null, f.Path));
                    break;
                case "5":
                    ids.Add(new PartyIdentifier(value, "PlaceOfBirth", null, f.Path) { Country = value.Length >= 2 ? value[..2] : null });
                    break;
                case "6":
                    {
                        var parts = value.Split('/', 3);
                        ids.Add(new PartyIdentifier(parts[^1], "CustomerId", parts.Length == 3 ? parts[1] : null, f.Path) { Country = parts.Length > 1 ? parts[0] : null });
                        break;
                    }

                case "7":
                    {
                        var parts = value.Split('/', 2);
                        ids.Add(new PartyIdentifier(parts[^1], "NationalId", null, f.Path) { Country = parts.Length > 1 ? parts[0] : null });
                        break;
                    }

                default:
                    if (ids.Count > 0)
                    {
                        var last = ids[^1];
                        ids[^1] = last with { Value = last.Value + value };
                    }

                    break;
            }
        }

        if (name.Count == 0)
        {
            throw new PaymentFormatException("no name line (1/)", f.Path, f.Line);
        }

        return new PaymentParty
        {
            Role = role,
            Path = f.Path,
            Name = JoinName(name),
            NamePath = f.Path,
            AddressLines = address,
            Town = town,
            Country = country,
            AddressPath = address.Count > 0 || country is not null ? f.Path : null,
            Account = account,
            AccountPath = account is null ? null : f.Path,
            OtherIds = ids,
        };
    }

    private static string JoinName(List<string> parts)
    {
        var s = parts[0];
        for (var k = 1; k < parts.Count; k++)
        {
            s += " " + parts[k];
        }

        return s;
    }

    [GeneratedRegex(@"\d|/|,|\b(STREET|STR|ST|UL|ULITSA|ULICA|ROAD|RD|AVENUE|AVE|PROSPEKT|PR|BLVD|BOULEVARD|LANE|LN|SQUARE|SQ|PLOSHCHAD|NAB|SHOSSE|PER|PEREULOK|BOX|PO|FLOOR|FL|SUITE|BUILDING|BLDG|APT|OFFICE|HOUSE|DOM|KV|RUE|VIA|CALLE|STRASSE|PLATZ|WEG|P\.O)\b", RegexOptions.IgnoreCase)]
    private static partial Regex AddressLike();

    [GeneratedRegex(@"^(?<town>.*?)[\s,]+(?<cc>[A-Z]{2})$")]
    private static partial Regex TownAndCode();

    /// <summary>
    /// Options K, D and no letter: up to four lines of name and address with no marker between them. The name starts
    /// on the first line and runs on while a line was evidently wrapped (its next word would not have fitted in 35
    /// characters) or the next line still looks like a name (no digits, commas, slashes or street words) and is not
    /// the last line, which by convention holds the town and country.
    /// </summary>
    private static PaymentParty FreeFormat(Field f, PartyRole role)
    {
        var (account, rest) = SplitAccount(f.Lines);
        if (rest.Count == 0)
        {
            return new PaymentParty { Role = role, Path = f.Path, Account = account, AccountPath = account is null ? null : f.Path };
        }

        var nameLines = 1;
        while (nameLines < rest.Count && nameLines < 3)
        {
            var previous = rest[nameLines - 1];
            var next = rest[nameLines];
            var firstWord = next.Split(' ', 2)[0];
            var wrapped = previous.Length + 1 + firstWord.Length > LineWidth;
            var nameLike = nameLines < rest.Count - 1 && !AddressLike().IsMatch(next) && Model.Countries.Resolve(next) is null;
            if (!(wrapped && !AddressLike().IsMatch(next)) && !nameLike)
            {
                break;
            }

            nameLines++;
        }

        var address = rest.Skip(nameLines).ToList();
        string? country = null, town = null;
        if (address.Count > 0)
        {
            var last = address[^1];
            if (TownAndCode().Match(last) is { Success: true } tc && SwiftBic.KnownCountry(tc.Groups["cc"].Value))
            {
                country = tc.Groups["cc"].Value;
                town = tc.Groups["town"].Value.Trim();
            }
            else if (Model.Countries.Resolve(last) is { } whole)
            {
                country = whole;
            }
            else
            {
                var comma = last.LastIndexOf(',');
                if (comma > 0 && Model.Countries.Resolve(last[(comma + 1)..]) is { } named)
                {
                    country = named;
                    town = last[..comma].Trim();
                }
            }
        }

        return new PaymentParty
        {
            Role = role,
            Path = f.Path,
            Name = JoinName(rest.Take(nameLines).ToList()),
            NamePath = f.Path,
            AddressLines = address,
            Town = town,
            Country = country,
            AddressPath = address.Count > 0 ? f.Path : null,
            Account = account,
            AccountPath = account is null ? null : f.Path,
        };
    }
}
