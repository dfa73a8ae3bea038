using System.Net;
using Interdict.App.Server;

namespace Interdict.Tests.Server;

/// <summary>
/// The failed-authentication table on its own, on a clock the test moves (a real <see cref="TimeProvider"/>, set by
/// hand): the window's end and the table's bound cannot be waited for over HTTP in a test run.
/// </summary>
public class AuthFailureLimiterTests
{
    private static readonly IPAddress Guesser = IPAddress.Parse("203.0.113.7");

    [Fact]
    public void A_blocked_address_is_refused_until_its_minute_has_passed_and_then_counts_from_zero()
    {
        var clock = new SetClock();
        var limiter = new AuthFailureLimiter(3, clock, 1000);
        for (var i = 0; i < 3; i++)
        {
            Assert.Null(limiter.RetryAfter(Guesser));
            limiter.Failed(Guesser);
        }

        Assert.Equal(TimeSpan.FromMinutes(1), limiter.RetryAfter(Guesser));
        Assert.Null(limiter.RetryAfter(IPAddress.Parse("203.0.113.8")));
        clock.Now += TimeSpan.FromSeconds(45);
        Assert.Equal(TimeSpan.FromSeconds(15), limiter.RetryAfter(Guesser));
        clock.Now += TimeSpan.FromSeconds(15);
        Assert.Null(limiter.RetryAfter(Guesser));

        limiter.Failed(Guesser);
        limiter.Failed(Guesser);
        Assert.Null(limiter.RetryAfter(Guesser));
        limiter.Failed(Guesser);
        Assert.NotNull(limiter.RetryAfter(Guesser));
    }

    [Fact]
    public void A_flood_from_many_addresses_keeps_the_table_bounded_and_blocks_the_overflow_together()
    {
        var clock = new SetClock();
        var limiter = new AuthFailureLimiter(3, clock, 100);
        var known = IPAddress.Parse("198.51.100.1");
        limiter.Failed(known);
        for (var i = 0; i < 50_000; i++)
        {
            limiter.Failed(new IPAddress(BitConverter.GetBytes(0x0A000000 + i)));
        }

        Assert.Equal(100, limiter.Count);

        // Addresses that found no room share one window, which the flood has used up; an address with its own
        // window keeps it.
        Assert.NotNull(limiter.RetryAfter(IPAddress.Parse("192.0.2.200")));
        Assert.Null(limiter.RetryAfter(known));

        // Once the minute has passed, expired windows make room again.
        clock.Now += TimeSpan.FromMinutes(1);
        limiter.Failed(IPAddress.Parse("192.0.2.200"));
        Assert.Equal(1, limiter.Count);
        Assert.Null(limiter.RetryAfter(IPAddress.Parse("192.0.2.201")));
    }

    [Fact]
    public void Ipv6_clients_are_counted_per_64_and_mapped_ipv4_as_ipv4()
    {
        Assert.Equal(AuthFailureLimiter.Partition(IPAddress.Parse("2001:db8:1:2::1")), AuthFailureLimiter.Partition(IPAddress.Parse("2001:db8:1:2:ffff:ffff:ffff:fffe")));
        Assert.NotEqual(AuthFailureLimiter.Partition(IPAddress.Parse("2001:db8:1:2::1")), AuthFailureLimiter.Partition(IPAddress.Parse("2001:db8:1:3::1")));
        Assert.Equal(AuthFailureLimiter.Partition(IPAddress.Parse("192.0.2.1")), AuthFailureLimiter.Partition(IPAddress.Parse("::ffff:192.0.2.1")));

        var limiter = new AuthFailureLimiter(2, new SetClock(), 1000);
        limiter.Failed(IPAddress.Parse("2001:db8:1:2::1"));
        limiter.Failed(IPAddress.Parse("2001:db8:1:2::2"));
        Assert.NotNull(limiter.RetryAfter(IPAddress.Parse("2001:db8:1:2::3")));
    }

    private sealed class SetClock : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = new(2026, 12, 3, 12, 0, 0, TimeSpan.Zero);

        public override DateTimeOffset GetUtcNow() => Now;
    }
}
