using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Runtime;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Outreach.Telephony;
using Outreach.Telephony.Bench;
using Outreach.Telephony.Emulator;
using Outreach.Telephony.Webhooks;

// Gather-turn latency at N concurrent calls: signed webhook in, TwiML out, an offline agent, against a
// static TwiML endpoint in the same host as the floor. Usage: dotnet run -c Release --project bench/Telephony [calls] [turns]
var calls = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 200;
var turns = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 25;
const string authToken = "bench-auth-token";
const string staticTwiml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response><Gather input=\"speech dtmf\" action=\"/twilio/voice/gather\"><Say language=\"zh-CN\">请按1确认。</Say></Gather></Response>";

using var listener = new TcpListener(IPAddress.Loopback, 0);
listener.Start();
var baseUrl = $"http://127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}";
listener.Stop();

var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Production", ContentRootPath = AppContext.BaseDirectory });
builder.WebHost.UseUrls(baseUrl);
builder.Logging.ClearProviders();
var databaseFolder = Directory.CreateTempSubdirectory("outreach-telephony-bench");
builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
{
    ["Twilio:AuthToken"] = authToken,
    ["Twilio:PublicBaseUrl"] = baseUrl,
    ["Database:ConnectionString"] = $"Data Source={Path.Combine(databaseFolder.FullName, "bench.db")}",
});
builder.AddTelephony();
builder.Services.AddSingleton<IVoiceConversation, OfflineConversation>();
var handlers = new NoHandlers();
builder.Services.AddSingleton<IInboundSmsHandler>(handlers);
builder.Services.AddSingleton<IDeliveryStatusHandler>(handlers);
var timing = new ServerTiming();

await using var app = builder.Build();
app.Use(timing.MeasureAsync);
// The floor reads the form as any Twilio webhook must, then answers a constant document.
app.MapPost("/bench/static", async (HttpRequest request, CancellationToken cancellationToken) =>
{
    await request.ReadFormAsync(cancellationToken);
    return TypedResults.Content(staticTwiml, "application/xml");
}).AllowAnonymous();
app.MapTelephony();
await app.StartAsync();

using var client = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = calls, PooledConnectionLifetime = TimeSpan.FromMinutes(10) }) { BaseAddress = new Uri(baseUrl) };

// Warm up until the JIT is quiet. Tiered compilation recompiles hot methods in the background for tens of thousands of
// requests (instrumented, then optimized); a measured phase that overlaps it measures the JIT on 2 cores, and the
// Gather path (much code, not precompiled) far more than the floor (mostly ReadyToRun framework code).
var warmUpRounds = 0;
for (var compiled = long.MaxValue; compiled >= 5 && warmUpRounds < 30; warmUpRounds++)
{
    var compiledBefore = JitInfo.GetCompiledMethodCount();
    await RunAsync($"warm-up {warmUpRounds + 1}", calls, 5);
    await Task.Delay(TimeSpan.FromMilliseconds(300));
    compiled = JitInfo.GetCompiledMethodCount() - compiledBefore;
}

timing.Take("/twilio/voice/gather");
timing.Take("/bench/static");
var collections = (Gen0: GC.CollectionCount(0), Gen1: GC.CollectionCount(1), Gen2: GC.CollectionCount(2));
var allocatedBefore = GC.GetTotalAllocatedBytes();
var jitBefore = (Methods: JitInfo.GetCompiledMethodCount(), Time: JitInfo.GetCompilationTime());
var (gatherClient, staticClient) = await RunAsync("measured", calls, turns);
var allocated = GC.GetTotalAllocatedBytes() - allocatedBefore;
var jit = (Methods: JitInfo.GetCompiledMethodCount() - jitBefore.Methods, Time: JitInfo.GetCompilationTime() - jitBefore.Time);
collections = (GC.CollectionCount(0) - collections.Gen0, GC.CollectionCount(1) - collections.Gen1, GC.CollectionCount(2) - collections.Gen2);
var gatherSamples = timing.Take("/twilio/voice/gather");
var staticSamples = timing.Take("/bench/static");
double[] gatherServer = [.. gatherSamples.Select(s => s.Milliseconds)];
double[] staticServer = [.. staticSamples.Select(s => s.Milliseconds)];

Console.WriteLine($"Telephony Gather turn, {calls} concurrent calls x {turns} turns, loopback, {Environment.ProcessorCount} cores");
Console.WriteLine("| endpoint | server p50 ms | server p90 ms | server p99 ms | round trip p50 ms | round trip p99 ms |");
Console.WriteLine("| --- | --- | --- | --- | --- | --- |");
Console.WriteLine(Row("static TwiML (floor)", staticServer, staticClient));
Console.WriteLine(Row("Gather turn (signed webhook → agent → TwiML)", gatherServer, gatherClient));
Console.WriteLine($"load average at the end: {(File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Trim() : "n/a")}");
Console.WriteLine($"p99 ratio (server, Gather / floor): {Percentile(gatherServer, 0.99) / Percentile(staticServer, 0.99):F2}");
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"server time over 1 ms: Gather {Over(gatherServer, 1):P2}, floor {Over(staticServer, 1):P2}; garbage collections during the measured phase: gen0 {collections.Gen0}, gen1 {collections.Gen1}, gen2 {collections.Gen2}; {allocated / (2.0 * calls * turns) / 1024:F1} KB allocated per request (whole process, clients included)"));
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"server mean: Gather {gatherServer.Average() * 1000:F1} µs, floor {staticServer.Average() * 1000:F1} µs; warm-up: {warmUpRounds} rounds of {calls} x 5 turns until the JIT was quiet; JIT during the measured phase: {jit.Methods} methods, {jit.Time.TotalMilliseconds:F0} ms"));
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"allocated on the server's thread per request (median): Gather {Median(gatherSamples.Select(s => s.Allocated)) / 1024.0:F1} KB, floor {Median(staticSamples.Select(s => s.Allocated)) / 1024.0:F1} KB"));
Console.WriteLine($"turns over 1 ms: Gather {ServerTiming.SlowTurns(gatherSamples, 1)}; floor {ServerTiming.SlowTurns(staticSamples, 1)}");
Console.WriteLine($"sequential, one at a time: Gather turn p50 {await SequentialAsync(SignedTurnFor):F3} ms, floor p50 {await SequentialAsync(StaticFor):F3} ms");
await MeasureSmsAsync(5000, 100);
await app.StopAsync();
Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
databaseFolder.Delete(recursive: true);

// SMS through the real SDK into the built-in emulator, which delivers and posts two signed callbacks each (sent, delivered).
async Task MeasureSmsAsync(int messages, int concurrency)
{
    var sender = app.Services.GetRequiredService<Outreach.Telephony.Messaging.ISmsSender>();
    var started = Stopwatch.GetTimestamp();
    var next = -1;
    await Task.WhenAll(Enumerable.Range(0, concurrency).Select(async _ =>
    {
        while (Interlocked.Increment(ref next) < messages)
        {
            var number = $"+86139{next:D8}";
            var result = await sender.SendAsync(new Outreach.Telephony.Messaging.OutboundSms(number, "社区通知：周六上午接种疫苗。", $"bench-{next}"), CancellationToken.None);
            if (!result.Accepted)
            {
                throw new InvalidOperationException($"SMS {next} not accepted: {result.Disposition} {result.ErrorMessage}");
            }
        }
    }));
    var accepted = Stopwatch.GetElapsedTime(started);
    while (handlers.Delivered < messages && Stopwatch.GetElapsedTime(started) < TimeSpan.FromMinutes(5))
    {
        await Task.Delay(20);
    }

    var delivered = Stopwatch.GetElapsedTime(started);
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"SMS: {messages} sent by {concurrency} senders through the SDK: accepted in {accepted.TotalSeconds:F2} s ({messages / accepted.TotalSeconds:F0}/s); all {handlers.Delivered} delivered callbacks (of {2 * messages} signed callbacks) in {delivered.TotalSeconds:F2} s ({messages / delivered.TotalSeconds:F0} messages/s end to end)"));
}

// The same turns one at a time: the server's cost without queueing behind 199 other calls on a shared machine.
async Task<double> SequentialAsync(Func<int, HttpRequestMessage> request)
{
    for (var i = 0; i < 500; i++)
    {
        await TimeAsync(() => request(i));
    }

    var path = request(0).RequestUri!.OriginalString.Split('?')[0];
    double[] server = [.. timing.Take(path).Select(s => s.Milliseconds)];
    return Percentile(server, 0.5);
}

HttpRequestMessage SignedTurnFor(int turn) => SignedTurn("CA" + new string('0', 32), turn);

HttpRequestMessage StaticFor(int turn) => new(HttpMethod.Post, "/bench/static") { Content = new FormUrlEncodedContent(Form("CA" + new string('0', 32), turn)) };

async Task<(double[] Gather, double[] Static)> RunAsync(string phase, int concurrent, int perCall)
{
    var gather = new List<double>[concurrent];
    var floor = new List<double>[concurrent];
    await Task.WhenAll(Enumerable.Range(0, concurrent).Select(async call =>
    {
        gather[call] = [];
        floor[call] = [];
        var callSid = $"CA{call:x32}";
        for (var turn = 0; turn < perCall; turn++)
        {
            floor[call].Add(await TimeAsync(() => new HttpRequestMessage(HttpMethod.Post, "/bench/static") { Content = new FormUrlEncodedContent(Form(callSid, turn)) }));
            gather[call].Add(await TimeAsync(() => SignedTurn(callSid, turn)));
        }
    }));
    Console.Error.WriteLine($"{phase}: {concurrent * perCall} turns per endpoint");
    return ([.. gather.SelectMany(s => s).Order()], [.. floor.SelectMany(s => s).Order()]);
}

async Task<double> TimeAsync(Func<HttpRequestMessage> request)
{
    using var message = request();
    var started = Stopwatch.GetTimestamp();
    using var response = await client.SendAsync(message);
    await response.Content.ReadAsStringAsync();
    response.EnsureSuccessStatusCode();
    return Stopwatch.GetElapsedTime(started).TotalMilliseconds;
}

HttpRequestMessage SignedTurn(string callSid, int turn)
{
    var path = $"/twilio/voice/gather?ref=bench-{callSid}";
    var form = Form(callSid, turn);
    var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new FormUrlEncodedContent(form) };
    request.Headers.Add("X-Twilio-Signature", TwilioSignature.Compute(authToken, baseUrl + path, form));
    return request;
}

static Dictionary<string, string> Form(string callSid, int turn) => new()
{
    ["AccountSid"] = TwilioOptions.EmulatorAccountSid,
    ["CallSid"] = callSid,
    ["From"] = "+8657188880000",
    ["To"] = "+8613800000001",
    ["CallStatus"] = "in-progress",
    ["Digits"] = turn % 2 == 0 ? "1" : "2",
};

static long Median(IEnumerable<long> values) => values.Order().ElementAtOrDefault(values.Count() / 2);

static double Over(double[] samples, double ms) => samples.Length == 0 ? 0 : samples.Count(s => s > ms) / (double)samples.Length;

static double Percentile(double[] sorted, double p) => sorted.Length == 0 ? double.NaN : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];

static string Row(string name, double[] server, double[] roundTrip) => string.Create(CultureInfo.InvariantCulture,
    $"| {name} | {Percentile(server, 0.5):F2} | {Percentile(server, 0.9):F2} | {Percentile(server, 0.99):F2} | {Percentile(roundTrip, 0.5):F2} | {Percentile(roundTrip, 0.99):F2} |");
