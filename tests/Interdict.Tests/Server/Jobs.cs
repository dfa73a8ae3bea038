using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Interdict.Tests.Server;

/// <summary>Following a job the way a client does: the 202's Location, polled until the job is finished.</summary>
internal static class Jobs
{
    /// <summary>The job's final status (done, failed or expired), polling its Location for up to <paramref name="seconds"/>.</summary>
    public static async Task<JsonElement> WaitAsync(HttpClient c, HttpResponseMessage accepted, int seconds = 120)
    {
        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        var location = accepted.Headers.Location ?? throw new InvalidOperationException("a 202 without a Location");
        return await WaitAsync(c, location.ToString(), seconds);
    }

    public static async Task<JsonElement> WaitAsync(HttpClient c, string location, int seconds = 120)
    {
        var until = DateTime.UtcNow.AddSeconds(seconds);
        while (true)
        {
            var status = await c.GetFromJsonAsync<JsonElement>(location);
            if (status.GetProperty("status").GetString() is "done" or "failed" or "expired" || DateTime.UtcNow > until)
            {
                return status;
            }

            await Task.Delay(100);
        }
    }
}
