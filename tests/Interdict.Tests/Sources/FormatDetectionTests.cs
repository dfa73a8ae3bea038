using Interdict.Sources;

namespace Interdict.Tests.Sources;

public class FormatDetectionTests
{
    [Theory]
    [InlineData("un/UN_consolidated.xml", "un-xml")]
    [InlineData("us-csl/consolidated.csv", "us-csl-csv")]
    [InlineData("bis-dpl/dpl.txt", "bis-dpl-tsv")]
    [InlineData("uk/ofsi-conlist-2018-04-13/ConList.csv", "uk-ofsi-csv")]
    [InlineData("eu/eu-fsf-legacy-xml-2016-02-11-sample/data.xml", "eu-fsf-legacy-xml")]
    [InlineData("ofac/xml/consolidated-2025-03-28/CONSOLIDATED.XML", "ofac-xml")]
    [InlineData("ofac/advanced-xml/cons-advanced-2020-03-17/CONS_ADVANCED.XML", "ofac-advanced")]
    [InlineData("ofac/enhanced-xml/cons-enhanced-2025-01-14/CONS_ENHANCED.XML", "ofac-enhanced")]
    public void Official_files_are_recognised_by_their_first_bytes(string path, string format)
    {
        Assert.Equal(format, ListCatalog.DetectFormat([SourceInput.FromPath(TestPaths.Data(path))]));
        Assert.Contains(format, ListCatalog.Formats);
    }

    [Fact]
    public void An_ftm_export_is_recognised_and_every_new_list_names_its_format()
    {
        var line = "{\"id\": \"un-sc:QDi.001\", \"caption\": \"X\", \"schema\": \"Person\", \"properties\": {}}\n"u8.ToArray();
        Assert.Equal("ftm", ListCatalog.DetectFormat([SourceInput.FromBytes("export.ftm.json", line)]));
        Assert.Equal(["us-csl-csv"], ListCatalog.Find("us-csl")!.Formats);
        Assert.Equal(["bis-dpl-tsv"], ListCatalog.Find("us-bis-dpl")!.Formats);
        Assert.Equal(["uk-ofsi-csv"], ListCatalog.Find("uk-ofsi")!.Formats);
        Assert.Equal(["eu-fsf-xml", "eu-fsf-legacy-xml"], ListCatalog.Find("eu-fsf")!.Formats);
    }
}
