using System.Diagnostics;
using System.Text.Json;
using CsvHelper;
using Interdict.Matching;
using Interdict.Model;
using Interdict.Store;
using Interdict.Store.Portfolio;

namespace Interdict.Screening.Portfolio;

/// <summary>What one screening of the portfolio did.</summary>
public sealed record RescreenReport(
    bool Full,
    int Customers,
    int EntriesScreened,
    int EntriesRemoved,
    int Raised,
    int Reevaluated,
    int Closed,
    int ActiveAlerts,
    IReadOnlyDictionary<string, long> Snapshots,
    TimeSpan Elapsed);

/// <summary>What a portfolio import did.</summary>
public sealed record PortfolioImportReport(int Rows, int Changed, int Unchanged, int Removed, RescreenReport? ListDelta, RescreenReport CustomerScreening);

/// <summary>
/// Portfolio monitoring: customers screened once against the lists, then re-screened only against what each new
/// publication changed. The alerts equal those of a full re-screen because every pair is scored by an index whose
/// scores do not depend on which entries it holds (<see cref="MatchIndex.BuildListIndependent"/>): an unchanged entry
/// scores every customer as before, so only changed entries and changed customers need scoring again.
/// </summary>
public sealed class PortfolioMonitor(IListStore store, PortfolioStore portfolio)
{
    private readonly IListStore _store = store;
    private readonly PortfolioStore _portfolio = portfolio;

    /// <summary>The portfolio's alert threshold (the product default).</summary>
    public double Threshold { get; init; } = ScreeningOptions.DefaultThreshold;

    /// <summary>Called from the screening threads with the number of customers screened so far (every 1,000): a job's progress.</summary>
    public Action<long>? OnScreened { get; init; }

    /// <summary>
    /// How many threads screen at once (-1: all cores). A server leaves a core to its requests: screening on every
    /// thread-pool worker starves the request threads, and /readyz took seconds while a large upload was screened.
    /// </summary>
    public int MaxParallelism { get; init; } = -1;

    /// <summary>Reads customers in the <c>screen</c> input format (id,name,type,dob,country). A bad row fails the whole import, naming the line.</summary>
    public static IReadOnlyList<Customer> ReadCsv(TextReader input, string inputName)
    {
        ArgumentNullException.ThrowIfNull(input);
        var options = new CsvReaderOptions { HasHeader = false, TrackLineNumbers = true, SkipEmptyLines = true, FieldCountMismatch = CsvFieldCountHandling.Allow };
        using var csv = CsvReader.Create(input, options, true);
        if (!csv.Read())
        {
            throw new InvalidDataException($"{inputName}: empty input (expected a header line id,name,type,dob,country)");
        }

        var header = Enumerable.Range(0, csv.FieldCount).Select(i => csv.GetString(i).Trim().TrimStart('\uFEFF').ToLowerInvariant()).ToArray();
        int Col(string n) => Array.IndexOf(header, n);
        int idCol = Col("id"), nameCol = Col("name"), typeCol = Col("type"), dobCol = Col("dob"), countryCol = Col("country");
        if (idCol < 0 || nameCol < 0)
        {
            throw new InvalidDataException($"{inputName}, line 1: the header must name the columns id and name (found: {string.Join(",", header)})");
        }

        var list = new List<Customer>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        while (csv.Read())
        {
            var line = csv.LineNumber;
            var count = csv.FieldCount;
            string? Field(int col) => col >= 0 && col < count && csv.GetString(col).Trim() is { Length: > 0 } s ? s : null;
            var id = Field(idCol) ?? throw new InvalidDataException($"{inputName}, line {line}: the customer id is empty");
            var name = Field(nameCol) ?? throw new InvalidDataException($"{inputName}, line {line}: name is empty");
            if (!seen.Add(id))
            {
                throw new InvalidDataException($"{inputName}, line {line}: customer id '{id}' appears twice");
            }

            var c = new Customer(id, name, Field(typeCol), Field(dobCol), Field(countryCol));
            try
            {
                _ = QueryOf(c);
            }
            catch (FormatException ex)
            {
                throw new InvalidDataException($"{inputName}, line {line}: {ex.Message}", ex);
            }

            list.Add(c);
        }

        return list;
    }

    public static ScreeningQuery QueryOf(Customer c)
    {
        ArgumentNullException.ThrowIfNull(c);
        var dob = QueryParsing.ParseDob(c.Dob);
        var country = QueryParsing.ParseCountry(c.Country);
        return new ScreeningQuery
        {
            Name = c.Name,
            Kind = QueryParsing.ParseKind(c.Type),
            BirthDates = dob is null ? [] : [dob],
            Countries = country is null ? [] : [country],
        };
    }

    /// <summary>Stores the customers and screens the changed ones (and, first, any list publications the portfolio has not seen).</summary>
    public PortfolioImportReport Import(IReadOnlyList<Customer> customers, bool replace)
    {
        ArgumentNullException.ThrowIfNull(customers);
        RescreenReport? delta = null;
        if (_portfolio.Screened().Count > 0)
        {
            delta = Rescreen();
        }

        var (changed, removed, unchanged) = _portfolio.Upsert(customers, replace);
        var sw = Stopwatch.StartNew();
        var current = CurrentSnapshots(null);
        var index = MatchIndex.BuildListIndependent(current.Values.SelectMany(s => _store.Entities(s.Id)));
        var results = ScreenAll(index, changed, Threshold, OnScreened, MaxParallelism);
        var changedIds = changed.Select(c => c.Id).Concat(removed).ToHashSet(StringComparer.Ordinal);
        var report = Reconcile(results, changed, a => changedIds.Contains(a.CustomerId), current, full: true, entriesScreened: index.EntityCount, removedEntries: 0, sw,
            closeReason: a => removed.Contains(a.CustomerId) ? AlertStatus.CustomerRemoved : null);
        return new PortfolioImportReport(customers.Count, changed.Count, unchanged, removed.Count, delta, report);
    }

    /// <summary>
    /// Re-screens the portfolio against the lists' newest snapshots. Lists it was already screened against are
    /// re-screened by their changes only, unless <paramref name="full"/>; lists never screened are screened whole.
    /// </summary>
    public RescreenReport Rescreen(IReadOnlyCollection<string>? lists = null, bool full = false)
    {
        var sw = Stopwatch.StartNew();
        var current = CurrentSnapshots(lists);
        var screened = _portfolio.Screened();
        var customers = _portfolio.Customers();
        var fullLists = current.Where(kv => full || !screened.ContainsKey(kv.Key)).Select(kv => kv.Key).ToHashSet(StringComparer.Ordinal);
        var deltaLists = current.Where(kv => !fullLists.Contains(kv.Key) && screened[kv.Key] != kv.Value.Id).ToDictionary(kv => kv.Key, kv => kv.Value);

        // The net change per entry over every publication since the last screening: the last one wins.
        var finalState = new Dictionary<string, Entity?>(StringComparer.Ordinal);
        foreach (var (list, snap) in deltaLists)
        {
            var since = screened[list];
            foreach (var s in _store.Snapshots(list).Where(s => s.Id > since && s.Id <= snap.Id).OrderBy(s => s.Id))
            {
                foreach (var ch in ((IListHistory)_store).ChangesIn(s.Id))
                {
                    finalState[ch.EntityId] = ch.After;
                }
            }
        }

        var toScreen = fullLists.SelectMany(l => _store.Entities(current[l].Id)).Concat(finalState.Values.OfType<Entity>()).ToList();
        var removedEntries = finalState.Count(kv => kv.Value is null);
        var results = toScreen.Count == 0 ? [] : ScreenAll(MatchIndex.BuildListIndependent(toScreen), customers, Threshold, null, MaxParallelism);
        bool InScope(Alert a) => fullLists.Contains(a.ListId) || finalState.ContainsKey(a.EntityId);
        return Reconcile(results, customers, InScope, current.Where(kv => fullLists.Contains(kv.Key) || deltaLists.ContainsKey(kv.Key)).ToDictionary(), full, toScreen.Count, removedEntries, sw,
            a => finalState.TryGetValue(a.EntityId, out var after) && after is null ? AlertStatus.Delisted : null);
    }

    /// <summary>Every (customer, entry) pair at or above the threshold, the way a full screening of each customer finds them.</summary>
    public static List<(Customer Customer, Match Match)> ScreenAll(MatchIndex index, IReadOnlyList<Customer> customers, double threshold, Action<long>? onScreened = null, int maxParallelism = -1)
    {
        ArgumentNullException.ThrowIfNull(index);
        ArgumentNullException.ThrowIfNull(customers);
        var options = new ScreeningOptions { Threshold = threshold, Limit = int.MaxValue };
        var found = new IReadOnlyList<Match>[customers.Count];
        long screened = 0;
        Parallel.For(0, customers.Count, new ParallelOptions { MaxDegreeOfParallelism = maxParallelism }, i =>
        {
            found[i] = index.Search(QueryOf(customers[i]), options);
            if (onScreened is not null && Interlocked.Increment(ref screened) % 1000 == 0)
            {
                onScreened(Interlocked.Read(ref screened));
            }
        });
        var pairs = new List<(Customer, Match)>();
        for (var i = 0; i < customers.Count; i++)
        {
            foreach (var m in found[i])
            {
                pairs.Add((customers[i], m));
            }
        }

        return pairs;
    }

    private Dictionary<string, ListSnapshot> CurrentSnapshots(IReadOnlyCollection<string>? lists)
    {
        var d = new Dictionary<string, ListSnapshot>(StringComparer.Ordinal);
        foreach (var l in _store.Lists())
        {
            if ((lists is null || lists.Count == 0 || lists.Contains(l.ListId)) && l.Current is { } s)
            {
                d[l.ListId] = s;
            }
        }

        if (lists is { Count: > 0 } && lists.FirstOrDefault(l => !d.ContainsKey(l)) is { } missing)
        {
            throw new InvalidOperationException($"no snapshots of {missing} in the database");
        }

        return d;
    }

    /// <summary>
    /// Turns the pairs found into alerts for the alerts in scope: a pair already alerted with both sides unchanged
    /// keeps its alert and status; a pair whose side changed is re-evaluated (open again, since an earlier decision
    /// was about other records); a new pair opens an alert unless a false-positive decision on the same two versions
    /// suppresses it. Alerts in scope that were not found again are closed.
    /// </summary>
    private RescreenReport Reconcile(
        List<(Customer Customer, Match Match)> found,
        IReadOnlyList<Customer> customers,
        Func<Alert, bool> inScope,
        Dictionary<string, ListSnapshot> snapshots,
        bool full,
        int entriesScreened,
        int removedEntries,
        Stopwatch sw,
        Func<Alert, string?> closeReason)
    {
        var active = _portfolio.ActiveAlerts();
        var ids = _portfolio.AlertIds();
        var decisions = _portfolio.LatestDecisions();
        var listed = new Lazy<HashSet<string>>(() => CurrentSnapshots(null).Values.SelectMany(s => _store.Entities(s.Id)).Select(e => e.Id).ToHashSet(StringComparer.Ordinal));
        var raised = new List<Alert>();
        var keep = new HashSet<(string, string)>();
        int fresh = 0, reevaluated = 0;
        foreach (var (c, m) in found)
        {
            var key = (c.Id, m.Entity.Id);
            keep.Add(key);
            var customerHash = c.Hash;
            var entryHash = Convert.ToHexStringLower(EntityJson.Hash(m.Entity))[..16];
            if (active.TryGetValue(key, out var existing) && existing.CustomerHash == customerHash && existing.EntryHash == entryHash)
            {
                continue;
            }

            var status = AlertStatus.Open;
            if (ids.TryGetValue(key, out var alertId) && decisions.TryGetValue(alertId, out var d)
                && d.Decision == "false-positive" && d.CustomerHash == customerHash && d.EntryHash == entryHash)
            {
                status = AlertStatus.FalsePositive;
            }

            if (existing is null)
            {
                fresh++;
            }
            else
            {
                reevaluated++;
            }

            raised.Add(new Alert
            {
                CustomerId = c.Id,
                EntityId = m.Entity.Id,
                ListId = m.Entity.ListId,
                SnapshotId = snapshots.TryGetValue(m.Entity.ListId, out var s) ? s.Id : 0,
                Score = m.Score,
                MatchedName = m.MatchedName.Full,
                EntityName = m.Entity.PrimaryName.Full,
                Programs = string.Join('|', m.Entity.Programs),
                Explanation = JsonSerializer.Serialize(m.Explanation, MatchJson.ExplanationOptions),
                Status = status,
                CustomerHash = customerHash,
                EntryHash = entryHash,
            });
        }

        var closed = new List<(long, string)>();
        foreach (var (key, a) in active)
        {
            if (!keep.Contains(key) && inScope(a))
            {
                var reason = closeReason(a) ?? (listed.Value.Contains(a.EntityId) ? AlertStatus.NoLongerMatches : AlertStatus.Delisted);
                closed.Add((a.Id, reason));
            }
        }

        var screenedNow = snapshots.ToDictionary(kv => kv.Key, kv => kv.Value.Id);
        _portfolio.Apply(raised, closed, screenedNow);
        var activeNow = active.Count + fresh - closed.Count;
        return new RescreenReport(full, customers.Count, entriesScreened, removedEntries, fresh, reevaluated, closed.Count, activeNow, screenedNow, sw.Elapsed);
    }
}
