using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Interdict.App.Server;
using Interdict.Store.Operations;
using Interdict.Store.Sqlite;
using Interdict.Tests.App;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace Interdict.Tests.Server;

/// <summary>
/// Job uploads live in the database and nothing of a refused one stays (#16 defect 3): a 413 on a chunked upload
/// once left a 105 MB file in a folder beside the database. A real Kestrel host with a 2 MB body limit, so that an
/// upload over it is cheap to send.
/// </summary>
public sealed class JobDataTests : IAsyncLifetime
{
    private const long Limit = 2L * 1024 * 1024;
    private readonly string _db = BundledDbFixture.Copy();
    private WebApplication? _app;
    private string _admin = "";
    private string _url = "";

    public async Task InitializeAsync()
    {
        using (var ops = SqliteOperationsStore.Open(_db))
        {
            _admin = ops.CreateKey("jobs-admin", ApiRole.Admin).Key;
        }

        _app = ServerHost.Build(new ServerOptions { Urls = "http://127.0.0.1:0", DbPath = _db, LoadBeforeServing = true, MaxRequestBytes = Limit });
        await _app.StartAsync();
        _url = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
    }

    public async Task DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
    }

    [Fact]
    public async Task A_refused_upload_leaves_no_job_and_no_data_in_the_database_and_no_folder_beside_it()
    {
        using var c = Client();

        // A good job first: its data is in the database, and no folder appears beside the file.
        var ok = await c.PostAsync("/api/jobs", new StringContent("id,name\nc1,Nicolas Maduro Moros\n", Encoding.UTF8, "text/csv"));
        var done = await Jobs.WaitAsync(c, ok);
        Assert.Equal("done", done.GetProperty("status").GetString());
        Assert.Contains("ofac-sdn:22790", await c.GetStringAsync($"/api/jobs/{done.GetProperty("id").GetString()}/results"));
        var (jobs, chunks) = Counts();
        Assert.Equal(1, jobs);
        Assert.True(chunks >= 2, $"input and output are stored as job data ({chunks} chunks)");

        // Over the body limit, sent chunked (no Content-Length, so the server finds out only while reading).
        foreach (var path in new[] { "/api/jobs", "/api/portfolio" })
        {
            var status = await PostChunked(c, path, 5 * Limit);
            Assert.True(status is null or HttpStatusCode.RequestEntityTooLarge, $"{path}: {status}");
        }

        // A bad CSV: no name column (batch), an empty name (portfolio), not UTF-8, an empty file.
        var noName = await c.PostAsync("/api/jobs", new StringContent("id,nom\nc1,Someone\n", Encoding.UTF8, "text/csv"));
        Assert.Equal(HttpStatusCode.BadRequest, noName.StatusCode);
        Assert.Contains("the header must name the columns id and name", await Detail(noName));
        var emptyName = await c.PostAsync("/api/portfolio", new StringContent("id,name\nc1,Ann\nc2,\n", Encoding.UTF8, "text/csv"));
        Assert.Equal("customers, line 3: name is empty", await Detail(emptyName));
        var latin1 = new ByteArrayContent([.. "id,name\nc1,Jos"u8, 0xE9, (byte)'\n']);
        latin1.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        var notUtf8 = await c.PostAsync("/api/portfolio", latin1);
        Assert.Equal(HttpStatusCode.BadRequest, notUtf8.StatusCode);
        Assert.Contains("not UTF-8", await Detail(notUtf8));
        Assert.Equal(HttpStatusCode.BadRequest, (await c.PostAsync("/api/jobs", new StringContent("", Encoding.UTF8, "text/csv"))).StatusCode);

        // The server cleans up as it answers; a connection cut by the 413 may return before it has, hence the wait.
        for (var i = 0; i < 50 && Counts() != (jobs, chunks); i++)
        {
            await Task.Delay(100);
        }

        Assert.Equal((jobs, chunks), Counts());
        Assert.Single((await c.GetFromJsonAsync<JsonElement>("/api/jobs")).EnumerateArray());
        Assert.False(Directory.Exists(_db + ".jobs"), "no folder beside the database");
        Assert.DoesNotContain(Directory.GetFileSystemEntries(Path.GetDirectoryName(_db)!), f => !Path.GetFileName(f).StartsWith(Path.GetFileName(_db), StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_field_over_the_input_limits_is_refused_with_its_line_and_column()
    {
        using var c = Client();
        var longName = new string('n', InputLimits.MaxNameChars + 1);
        var batch = await c.PostAsync("/api/jobs", new StringContent($"id,name,type\nc1,Ann Smith,person\nc2,{longName},person\n", Encoding.UTF8, "text/csv"));
        Assert.Equal(HttpStatusCode.BadRequest, batch.StatusCode);
        Assert.Equal("batch, line 3, column name: 501 characters; at most 500 are accepted", await Detail(batch));

        var country = new string('c', InputLimits.MaxFieldChars + 1);
        var portfolio = await c.PostAsync("/api/portfolio", new StringContent($"id,name,country\nc1,Ann Smith,{country}\n", Encoding.UTF8, "text/csv"));
        Assert.Equal("customers, line 2, column country: 201 characters; at most 200 are accepted", await Detail(portfolio));

        // Columns the format does not use are bounded too, and so is their number.
        var extra = await c.PostAsync("/api/jobs", new StringContent($"id,name,note\nc1,Ann,{country}\n", Encoding.UTF8, "text/csv"));
        Assert.Equal("batch, line 2, column note: 201 characters; at most 200 are accepted", await Detail(extra));
        var wide = await c.PostAsync("/api/jobs", new StringContent("id,name\nc1,Ann" + new string(',', CsvLimits.MaxFields - 1) + "\n", Encoding.UTF8, "text/csv"));
        Assert.Equal("batch, line 2: 51 columns; at most 50 are accepted", await Detail(wide));

        // A name of exactly the limit is accepted.
        var atLimit = await c.PostAsync("/api/jobs", new StringContent($"id,name\nc1,{longName[..^1]}\n", Encoding.UTF8, "text/csv"));
        Assert.Equal("done", (await Jobs.WaitAsync(c, atLimit)).GetProperty("status").GetString());
        Assert.Equal(1, Counts().Jobs);
    }

    /// <summary>The status of a chunked upload of <paramref name="bytes"/>, or null when the server cut the connection first.</summary>
    private static async Task<HttpStatusCode?> PostChunked(HttpClient c, string path, long bytes)
    {
        var content = new StreamContent(new CsvStream(bytes));
        content.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = content };
        request.Headers.TransferEncodingChunked = true;
        try
        {
            using var r = await c.SendAsync(request);
            return r.StatusCode;
        }
        catch (HttpRequestException)
        {
            return null;
        }
    }

    private (long Jobs, long Chunks) Counts()
    {
        using var ops = SqliteOperationsStore.Open(_db);
        return (ops.Jobs().Count, ops.JobDataChunks());
    }

    private static async Task<string?> Detail(HttpResponseMessage r) => (await r.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString();

    private HttpClient Client()
    {
        var c = new HttpClient { BaseAddress = new Uri(_url) };
        c.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("ApiKey", _admin);
        return c;
    }

    /// <summary>A valid CSV of <c>length</c> bytes, generated as it is read (not seekable, so it is sent chunked).</summary>
    private sealed class CsvStream(long length) : Stream
    {
        private static readonly byte[] Header = "id,name\n"u8.ToArray();
        private long _pos;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => _pos; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            var n = (int)Math.Min(count, length - _pos);
            for (var i = 0; i < n; i++, _pos++)
            {
                buffer[offset + i] = _pos < Header.Length ? Header[_pos] : (_pos % 32) switch { 0 => (byte)'c', 1 => (byte)',', 31 => (byte)'\n', _ => (byte)'a' };
            }

            return n;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
