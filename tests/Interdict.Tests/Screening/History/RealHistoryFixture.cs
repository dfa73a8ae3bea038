using Interdict.Screening.History;
using Interdict.Store.Sqlite;

namespace Interdict.Tests.Screening.History;

/// <summary>The real OFAC SDN history (every version of sdn.csv in the git bundle), imported once for the whole test class.</summary>
public sealed class RealHistoryFixture : IDisposable
{
    public RealHistoryFixture()
    {
        Dir = TestPaths.TempDir();
        Store = SqliteListStore.Open(Path.Combine(Dir, "history.db"));
        Report = new HistoryImport(Store).ImportGit("ofac-sdn", TestPaths.Data("history/ofac-sdn-history.bundle"));
        HistoryBytes = Store.MeasureDatabaseBytes();
    }

    public string Dir { get; }

    public SqliteListStore Store { get; }

    public HistoryImportReport Report { get; }

    /// <summary>page_count × page_size after a checkpoint, right after the import.</summary>
    public long HistoryBytes { get; }

    public void Dispose()
    {
        Store.Dispose();
        Directory.Delete(Dir, recursive: true);
    }
}
