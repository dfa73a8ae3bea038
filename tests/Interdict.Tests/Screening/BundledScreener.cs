using Interdict.Screening;
using Interdict.Store;
using Interdict.Tests.App;

namespace Interdict.Tests.Screening;

/// <summary>A screener over the bundled lists (OFAC SDN 2023-12-28, OFAC consolidated, UN), built once per test class.</summary>
public sealed class BundledScreener
{
    public BundledScreener()
    {
        using var store = StoreFactory.Open(BundledDbFixture.Copy());
        Screener = Screener.Load(store);
    }

    public Screener Screener { get; }
}
