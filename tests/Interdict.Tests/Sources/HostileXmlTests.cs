using System.Diagnostics;
using System.Text;
using Interdict.Screening.Payments;
using Interdict.Sources;

namespace Interdict.Tests.Sources;

/// <summary>
/// Documents of nothing but nested elements: every XML reader refuses them at its depth bound, fast, naming the file
/// and line, instead of spending minutes of CPU building the tree (the EU legacy parser took 4.5 minutes on this).
/// </summary>
public class HostileXmlTests
{
    /// <summary>Format, list, and the opening of a record the nesting is put inside, so that the parser is past its own checks.</summary>
    public static TheoryData<string, string, string> Formats => new()
    {
        { "ofac-xml", "ofac-sdn", "<sdnList><sdnEntry>" },
        { "ofac-enhanced", "ofac-sdn", "<sanctionsData><entities><entity id=\"1\">" },
        { "ofac-advanced", "ofac-sdn", "<Sanctions><DistinctParties><DistinctParty FixedRef=\"1\">" },
        { "un-xml", "un-sc", "<CONSOLIDATED_LIST><INDIVIDUALS><INDIVIDUAL>" },
        { "eu-fsf-legacy-xml", "eu-fsf", "<WHOLE><ENTITY Id=\"1\">" },
    };

    [Theory]
    [MemberData(nameof(Formats))]
    public void Deep_nesting_in_a_list_file_is_refused_at_the_depth_bound(string format, string list, string opening)
    {
        var xml = Nested(opening, "x", 100_000);
        var watch = Stopwatch.StartNew();
        var ex = ParserTestKit.Fails(format, list, "nested.xml", xml);
        watch.Stop();

        Assert.Equal("nested.xml", ex.File);
        Assert.Contains("nested more than 64 deep", ex.Reason, StringComparison.Ordinal);
        Assert.DoesNotContain("malformed", ex.Reason, StringComparison.Ordinal);
        Assert.NotNull(ex.Line);
        // Not a timing assertion on speed: refusing at depth 64 reads a few hundred bytes; anything near a minute means the bound is gone.
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(30), $"refusing took {watch.Elapsed}");
    }

    [Theory]
    [MemberData(nameof(Formats))]
    public void Nesting_within_the_bound_is_not_refused_for_depth(string format, string list, string opening)
    {
        var xml = Nested(opening, "x", 20);
        try
        {
            ParserTestKit.ParseText(format, list, "shallow.xml", xml);
        }
        catch (ListFormatException ex)
        {
            // The record is not a valid one, so the parser may refuse it, but never for its depth.
            Assert.DoesNotContain("nested more than", ex.Reason, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Deep_nesting_in_a_payment_message_is_refused_at_its_bound()
    {
        var xml = Nested("<Document xmlns=\"urn:iso:std:iso:20022:tech:xsd:pacs.008.001.08\"><FIToFICstmrCdtTrf>", "x", 100_000);
        var ex = Assert.Throws<PaymentFormatException>(() => PaymentMessageParser.Parse(xml));
        Assert.Contains("nested more than 48 deep", ex.Reason, StringComparison.Ordinal);
        Assert.DoesNotContain("not well-formed", ex.Reason, StringComparison.Ordinal);
        Assert.Equal(1, ex.Line);
    }

    [Fact]
    public void A_real_payment_message_still_parses_through_the_bounded_reader()
    {
        var message = PaymentMessageParser.Parse(File.ReadAllText(TestPaths.Data("payments/pacs008-all-roles-sevastopol.xml")));
        Assert.NotEmpty(message.Parties);
    }

    /// <summary>An opening followed by <paramref name="depth"/> nested elements, all closed, and the opening's elements left open.</summary>
    internal static string Nested(string opening, string element, int depth)
    {
        var sb = new StringBuilder(opening, opening.Length + (depth * ((element.Length * 2) + 5)));
        for (var i = 0; i < depth; i++)
        {
            sb.Append('<').Append(element).Append('>');
        }

        for (var i = 0; i < depth; i++)
        {
            sb.Append("</").Append(element).Append('>');
        }

        return sb.ToString();
    }
}
