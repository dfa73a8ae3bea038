namespace Interdict.Sources;

/// <summary>
/// Keys of <see cref="Model.Entity.Other"/> that more than one parser writes and the cross-list linker reads, so
/// that a reference one list makes to another's entry is found whatever its publisher calls it.
/// </summary>
internal static class ListReferences
{
    /// <summary>The UN Security Council reference number ("LYi.006") a regional list gives for an entry it took from the UN list.</summary>
    public const string UnReference = "UN reference";
}
