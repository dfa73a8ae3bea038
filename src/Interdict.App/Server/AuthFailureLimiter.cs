using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Interdict.App.Server;

/// <summary>
/// Failed authentications per client address (#16 defect 8). After <see cref="ServerOptions.AuthFailuresPerMinute"/>
/// wrong or revoked keys, or unknown, signed-out or expired sessions, within one minute, the address is refused with
/// 429 until that minute has passed: every request, without checking its key, so a flood costs neither a hash nor a
/// database read. A correct key from a blocked address is refused too; the alternative, checking it, would tell a
/// guesser which of its guesses is right. Successful requests are not counted.
/// </summary>
/// <remarks>
/// The table is bounded (<see cref="MaxAddresses"/>): when it is full, expired windows are dropped, and an address that
/// still finds no room shares one overflow window with every other such address. A flood from more addresses than the
/// table holds then blocks new addresses together (failing closed) instead of evicting counters it could reset at will.
/// IPv6 clients are counted per /64, the block a single subscriber is usually given, so rotating addresses within it
/// does not reset the count.
/// </remarks>
internal sealed class AuthFailureLimiter
{
    internal const int DefaultMaxAddresses = 100_000;
    internal static readonly TimeSpan Window = TimeSpan.FromMinutes(1);

    private readonly Dictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private readonly Entry _overflow = new();
    private readonly Lock _gate = new();
    private readonly TimeProvider _clock;
    private readonly int _limit;
    private DateTimeOffset _nextPurge;

    public AuthFailureLimiter(ServerOptions options, TimeProvider clock)
        : this(options.AuthFailuresPerMinute, clock, DefaultMaxAddresses)
    {
    }

    internal AuthFailureLimiter(int limit, TimeProvider clock, int maxAddresses)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxAddresses, 1);
        _limit = limit;
        _clock = clock;
        MaxAddresses = maxAddresses;
    }

    public int MaxAddresses { get; }

    /// <summary>How many addresses the table holds now (at most <see cref="MaxAddresses"/>).</summary>
    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _entries.Count;
            }
        }
    }

    /// <summary>How long the address is still refused, or null when it is not.</summary>
    public TimeSpan? RetryAfter(IPAddress? address)
    {
        var now = _clock.GetUtcNow();
        lock (_gate)
        {
            var entry = _entries.GetValueOrDefault(Partition(address)) ?? (_entries.Count >= MaxAddresses ? _overflow : null);
            return entry is not null && entry.Failures >= _limit && now < entry.Start + Window ? entry.Start + Window - now : null;
        }
    }

    /// <summary>Counts one failed authentication from the address.</summary>
    public void Failed(IPAddress? address)
    {
        var now = _clock.GetUtcNow();
        var partition = Partition(address);
        lock (_gate)
        {
            if (!_entries.TryGetValue(partition, out var entry))
            {
                if (_entries.Count >= MaxAddresses)
                {
                    Purge(now);
                }

                entry = _entries.Count < MaxAddresses ? _entries[partition] = new Entry() : _overflow;
            }

            if (now >= entry.Start + Window)
            {
                entry.Start = now;
                entry.Failures = 0;
            }

            entry.Failures++;
        }
    }

    /// <summary>The 429 answer: Retry-After in whole seconds (rounded up) and a problem that says what to do.</summary>
    public static Task Refuse(HttpContext ctx, TimeSpan retryAfter)
    {
        var seconds = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));
        ctx.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        ctx.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        return Results.Problem(
            title: "Too many failed sign-ins",
            detail: $"too many requests from this address had an unknown, revoked or expired API key or session; every request from it is refused for {seconds} more seconds. Check the key, then try again.",
            statusCode: StatusCodes.Status429TooManyRequests).ExecuteAsync(ctx);
    }

    /// <summary>Drops expired windows; at most once a second, so a flood into a full table does not scan it on every request.</summary>
    private void Purge(DateTimeOffset now)
    {
        if (now < _nextPurge)
        {
            return;
        }

        _nextPurge = now + TimeSpan.FromSeconds(1);
        foreach (var (key, e) in _entries)
        {
            if (now >= e.Start + Window)
            {
                _entries.Remove(key);
            }
        }
    }

    internal static string Partition(IPAddress? address)
    {
        if (address is null)
        {
            // No address (a test server, a Unix socket): all such callers are one client.
            return "-";
        }

        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return address.ToString();
        }

        var bytes = address.GetAddressBytes();
        Array.Clear(bytes, 8, 8);
        return new IPAddress(bytes) + "/64";
    }

    private sealed class Entry
    {
        public DateTimeOffset Start { get; set; } = DateTimeOffset.MinValue;

        public int Failures { get; set; }
    }
}
