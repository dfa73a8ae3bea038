using Interdict.Tests.App;

namespace Interdict.Tests.Store;

/// <summary>#16 defect 9: the database holds API-key hashes, the audit trail and customers; only its owner may read it.</summary>
public class DatabaseFileTests
{
    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public void A_database_the_cli_creates_is_readable_by_its_owner_only()
    {
        var cli = new CliRunner();
        Assert.False(File.Exists(cli.Db));
        var r = cli.Run("apikey", "create", "--name", "ops", "--role", "admin");
        Assert.True(r.ExitCode == 0, r.ToString());
        Assert.Equal(OwnerOnly, File.GetUnixFileMode(cli.Db));
        foreach (var side in new[] { cli.Db + "-wal", cli.Db + "-shm" }.Where(File.Exists))
        {
            Assert.Equal(OwnerOnly, File.GetUnixFileMode(side));
        }
    }
}
