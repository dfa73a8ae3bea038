using Interdict.Model;

namespace Interdict.Sources.EuFsf;

/// <summary>
/// Recognises the EU's CSV export of the same list (<c>csvFullSanctionsList_1_1</c>, one row per alias, address,
/// birth date, identification or citizenship of an entry) only to refuse it clearly: it says nothing the XML does not,
/// and no real rows of it were available to test a reader against, so an import of it would be untested guesswork.
/// </summary>
internal sealed class EuFsfCsvParser : IListParser
{
    public const string Header = "fileGenerationDate;Entity_LogicalId;";

    public string Format => "eu-fsf-csv";

    public IEnumerable<Entity> Parse(IReadOnlyList<SourceInput> files, ParseContext context)
    {
        ArgumentNullException.ThrowIfNull(files);
        foreach (var file in files)
        {
            throw new ListFormatException(
                file.Name,
                "the EU FSF CSV export (csvFullSanctionsList_1_1) is not supported: import the XML export of the same publication (xmlFullSanctionsList_1_1, format eu-fsf-xml)",
                1);
        }

        yield break;
    }
}
