namespace Interdict.Tests.Server;

/// <summary>
/// Browser tests run one class at a time: several headless Chromium instances at once on a 2-core machine turn
/// page loads into timeouts that say nothing about the product.
/// </summary>
[CollectionDefinition(Name)]
public sealed class BrowserTests
{
    public const string Name = "Browser";
}
