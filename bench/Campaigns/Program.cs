using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.EntityFrameworkCore;
using Outreach.Campaigns.Storage;
using Outreach.Storage;
using Outreach.Telephony;
using Outreach.Telephony.Messaging;
using Outreach.Testing;

// A street-sized SMS campaign on the embedded default (SQLite + Hangfire SQLite storage), through the Twilio SDK to the
// emulator, throttling off, beside a floor measured in the same run: a plain loop sending the same number of messages
// to the same recipients through the same SDK sender. Then a campaign throttled to 50 messages/s.
// The server and the emulator are the Release build of src/Server, each in its own process.
// Usage: dotnet run -c Release --project bench/Campaigns [residents=120000] [throttled residents=1500] [floor senders=64] [rounds=3] [first warm-up residents=residents] [Key=Value settings...]
// (settings starting with Emulator: go to the emulator process, the others to the server)
// (residents 0: the throttle run only; throttled residents 0: no throttle run)
// Each round is a campaign and its floor, measured back to back on residents of their own; odd rounds measure the floor
// first, so a machine that speeds up or slows down during the run favours neither.
var numbers = args.TakeWhile(a => !a.Contains('=', StringComparison.Ordinal)).Select(a => int.Parse(a, CultureInfo.InvariantCulture)).ToList();
var residents = numbers.Count > 0 ? numbers[0] : 120_000;
var throttled = numbers.Count > 1 ? numbers[1] : 1_500;
var floorSenders = numbers.Count > 2 ? numbers[2] : 64;
var rounds = numbers.Count > 3 ? numbers[3] : 3;
// The first warm-up campaign is as large as a measured one unless told otherwise; the second is 10,000 (see below).
var warmUpResidents = numbers.Count > 4 ? numbers[4] : residents;
const int secondWarmUpResidents = 10_000;
const double throttleRate = 50;
var folder = Path.Combine(Path.GetTempPath(), "outreach-bench-campaigns", Guid.NewGuid().ToString("N"));
Console.WriteLine($"{Environment.ProcessorCount} cores, load average at start: {LoadAverage()}");

await using var emulator = new ServerProcess(Path.Combine(folder, "emulator"), new Dictionary<string, string?>
{
    ["Outreach:SeedDemo"] = "false",
    ["Jobs:WorkerCount"] = "1",
    // Twilio posts status callbacks from many machines at once; the emulator's default of 64 posting loops would make
    // the callbacks, not the server, set the pace of a street-sized campaign. More loops than 256 make no difference to
    // the campaign, but slow the floor, whose callbacks then compete for the cores inside its window (docs/benchmarks.md).
    ["Emulator:DeliveryConcurrency"] = "256",
    // The emulator stands in for Twilio, whose costs are not the server's: it forgets what ended two minutes ago (about
    // two rounds), so its heap does not grow by 240,000 messages a round and its collections cost the same in every
    // round. Kept for good, the later rounds' campaigns paid more for them than their floors did (docs/benchmarks.md,
    // session 13).
    ["Emulator:Retention"] = "00:02:00",
}, "Release");
// Further arguments are settings, e.g. Campaigns:SendConcurrency=16 for the server or Emulator:DeliveryConcurrency=256
// for the emulator, to compare configurations.
var settings = args.Skip(numbers.Count).Select(a => a.Split('=', 2)).ToList();
foreach (var setting in settings.Where(s => s[0].StartsWith("Emulator:", StringComparison.Ordinal)))
{
    emulator.Settings[setting[0]] = setting[1];
}

await emulator.StartAsync();
var serverSettings = new Dictionary<string, string?>
{
    ["Twilio:ApiBaseUrl"] = $"{emulator.BaseUrl}/emulator",
    // The product's own log levels (appsettings.json), not the tests' Warning: what a campaign logs is part of what it costs.
    // (The launch job logs how long the audience snapshot took, which the phases below cannot tell apart from Hangfire's pickup.)
    ["Logging:LogLevel:Default"] = "Information",
};
foreach (var setting in settings.Where(s => !s[0].StartsWith("Emulator:", StringComparison.Ordinal)))
{
    serverSettings[setting[0]] = setting[1];
}

// The server's runtime lists each method it compiles in a perf map (the map alone, not the jitdump), so the bench can say
// how much compiling fell inside a measured campaign; a line per method, written only while compiling.
var perfMaps = Directory.CreateDirectory(Path.Combine(folder, "perf-maps")).FullName;
serverSettings.TryAdd("DOTNET_PerfMapEnabled", "3");
serverSettings.TryAdd("DOTNET_PerfMapJitDumpPath", perfMaps);
await using var server = new ServerProcess(Path.Combine(folder, "server"), serverSettings, "Release");
await server.StartAsync();
using var api = server.CreateAdminClient();
using var emulatorClient = new HttpClient { BaseAddress = new Uri(emulator.BaseUrl), Timeout = TimeSpan.FromMinutes(2) };

if (residents > 0)
{
    await CampaignBesideFloorAsync();
}

if (throttled > 0)
{
    await ThrottledAsync();
}

try
{
    Directory.Delete(folder, recursive: true);
}
catch (IOException)
{
    // A file still open by an exiting process; the temp folder is cleaned by the OS.
}

async Task CampaignBesideFloorAsync()
{
    // Each round's residents have numbers of their own (+86139…, +86135…, …), so no one is contacted twice in a day.
    var scenarios = Enumerable.Range(0, rounds)
        .Select(r => new SmsCampaignScenario(api, $"bench{r}", residents, "+8613" + "95432"[r % 5] + (r >= 5 ? r.ToString(CultureInfo.InvariantCulture) : ""))).ToList();
    var warmUp = new SmsCampaignScenario(api, "warmup", warmUpResidents, "+86138");
    var warmUpAgain = new SmsCampaignScenario(api, "warmup2", Math.Min(warmUpResidents, secondWarmUpResidents), "+86136");
    var importing = Stopwatch.StartNew();
    foreach (var scenario in scenarios)
    {
        await scenario.ImportAsync();
    }

    Console.Error.WriteLine($"imported {rounds} × {residents} residents in {importing.Elapsed.TotalSeconds:F1} s");
    await warmUp.ImportAsync();
    await warmUpAgain.ImportAsync();

    // A fresh process, so its peak memory is the campaigns' and not the import's. Then two campaigns, as a server that
    // has been running for a day would have had: the measured one runs optimised code, and the emulator's code is as
    // warm for it as for the floor. The first is as large as a measured one: after two of 10,000 the server still
    // compiled 4,000-5,800 methods during the first measured campaign (code a 120,000-resident campaign calls more
    // often, such as Hangfire's per-job code for 60 chunks instead of 5), and its background compiler took a seventh of
    // its CPU samples; after one of 120,000, about 1,000, and a few hundred in later rounds (docs/benchmarks.md,
    // session 13). The second, because the runtime
    // only counts calls towards optimising a method once no new code has been compiled for a moment.
    await server.StopAsync();
    await server.StartAsync();
    var (firstWarmUp, _) = await RunCampaignAsync(warmUp);
    // The floor sends every recipient the text the campaign sent the first of them (the notice with a name of the
    // same length), read while the emulator still has it, and warms up too, on the warm-up residents' numbers, on
    // settled processes.
    var body = (await emulatorClient.GetFromJsonAsync<List<JsonElement>>($"/emulator/phones/{Uri.EscapeDataString(warmUp.Phones[0])}/messages"))!
        .First(m => m.GetProperty("direction").GetString() == "outbound-api").GetProperty("body").GetString()!;
    var warmUpWalls = (firstWarmUp, (await RunCampaignAsync(warmUpAgain)).Wall);
    await SettleAsync();
    await FloorAsync(warmUp.Phones, body);
    await SettleAsync();
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"warm-up campaigns: {warmUpResidents} and {warmUpAgain.Phones.Count} residents in {warmUpWalls.Item1.TotalSeconds:F1} s and {warmUpWalls.Item2.TotalSeconds:F1} s, then a floor on the first one's {warmUp.Phones.Count} numbers (not measured), then the processes settled"));

    var ratios = new List<double>();
    var withCallbacks = new List<double>();
    // Both sides keep the two cores busy, so each one's wall time follows the CPU its processes use; the ratio of those
    // CPU times moves less with the machine's speed than the ratio of wall times, and says where a change went.
    var cpuRatios = new List<double>();
    var walls = new List<TimeSpan>();
    for (var round = 0; round < rounds; round++)
    {
        Console.WriteLine($"round {round + 1} of {rounds}:");
        TimeSpan wall, floor, answered, campaignCpu, floorCpu;
        if (round % 2 == 0)
        {
            (wall, campaignCpu) = await MeasuredCampaignAsync(scenarios[round]);
            (floor, answered, floorCpu) = await MeasuredFloorAsync(scenarios[round].Phones, body);
        }
        else
        {
            (floor, answered, floorCpu) = await MeasuredFloorAsync(scenarios[round].Phones, body);
            (wall, campaignCpu) = await MeasuredCampaignAsync(scenarios[round]);
        }

        ratios.Add(wall / floor);
        withCallbacks.Add(wall / answered);
        cpuRatios.Add(campaignCpu / floorCpu);
        walls.Add(wall);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  round {round + 1}: campaign {wall.TotalSeconds:F1} s = {residents / wall.TotalSeconds:F0} deliveries/s, floor {floor.TotalSeconds:F1} s, campaign / floor = {wall / floor:F2} (against the floor with its callbacks answered, {answered.TotalSeconds:F1} s: {wall / answered:F2}; CPU {campaignCpu.TotalSeconds:F1} s / {floorCpu.TotalSeconds:F1} s = {campaignCpu / floorCpu:F2})"));
    }

    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"summary of {rounds} rounds: campaign / floor median {Median(ratios):F2} (each: {string.Join(", ", ratios.Select(r => r.ToString("F2", CultureInfo.InvariantCulture)))}), against the floor with its callbacks answered {Median(withCallbacks):F2}, CPU of the campaign / CPU of the floor {Median(cpuRatios):F2}; campaign median {Median([.. walls.Select(w => w.TotalSeconds)]):F1} s = {residents / Median([.. walls.Select(w => w.TotalSeconds)]):F0} deliveries/s; server peak working set {server.PeakMemoryBytes / 1048576} MB"));
}

// The campaign's wall time, and the CPU time the server and the emulator used for it.
async Task<(TimeSpan Wall, TimeSpan Cpu)> MeasuredCampaignAsync(SmsCampaignScenario scenario)
{
    var cpu = (Server: server.CpuTime, Emulator: emulator.CpuTime);
    var written = server.WrittenBytes;
    var compiled = ServerMethodsCompiled();
    var refused = server.CountOutput("not accepted");
    var (wall, launchedAt) = await RunCampaignAsync(scenario);
    var used = (Server: server.CpuTime - cpu.Server, Emulator: emulator.CpuTime - cpu.Emulator);
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"  campaign CPU: server {used.Server.TotalSeconds:F1} s, emulator {used.Emulator.TotalSeconds:F1} s; server wrote {(server.WrittenBytes - written) / 1048576} MB to its files and compiled {ServerMethodsCompiled() - compiled} methods; SMS not accepted (throttled, failed or refused: logged by the sender) {server.CountOutput("not accepted") - refused}"));
    Console.WriteLine("  " + await PhasesAsync(launchedAt));
    var snapshotted = server.OutputContaining("snapshotted");
    Console.WriteLine("  " + (snapshotted.Count > 0 ? snapshotted[^1].Trim() : "(the server logged no snapshot)"));
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"  campaign: {residents} residents, launch to completed (every SMS delivered and its callbacks recorded) in {wall.TotalSeconds:F1} s = {residents / wall.TotalSeconds:F0} deliveries/s; server peak working set so far {server.PeakMemoryBytes / 1048576} MB (emulator process {emulator.PeakMemoryBytes / 1048576} MB); load average {LoadAverage()}"));
    await SettleAsync();
    return (wall, used.Server + used.Emulator);
}

// The floor: the same recipients, a body of the same length, through the same SDK sender, no bookkeeping.
// Returns the issue's floor (until every message is accepted), the same loop until its callbacks were answered, and the
// CPU time the sender, the server and the emulator used until every message was accepted.
async Task<(TimeSpan Floor, TimeSpan Answered, TimeSpan Cpu)> MeasuredFloorAsync(IReadOnlyList<string> phones, string body)
{
    // Counted first: reading the server's perf map is this process's work, not the floor's.
    var compiled = (Sender: System.Runtime.JitInfo.GetCompiledMethodCount(), Server: ServerMethodsCompiled());
    var cpu = (Server: server.CpuTime, Emulator: emulator.CpuTime);
    var senderCpu = Process.GetCurrentProcess().TotalProcessorTime;
    var floorClock = Stopwatch.StartNew();
    var floor = await FloorAsync(phones, body);
    var floorStarted = floorClock.Elapsed - floor; // the sender's host was built before its own clock started
    var used = (Sender: Process.GetCurrentProcess().TotalProcessorTime - senderCpu, Server: server.CpuTime - cpu.Server, Emulator: emulator.CpuTime - cpu.Emulator);
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"  floor CPU until accepted: sender (this process) {used.Sender.TotalSeconds:F1} s, server (callbacks) {used.Server.TotalSeconds:F1} s, emulator {used.Emulator.TotalSeconds:F1} s; methods compiled: sender {System.Runtime.JitInfo.GetCompiledMethodCount() - compiled.Sender}, server {ServerMethodsCompiled() - compiled.Server}"));
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"  floor: {phones.Count} SMS by {floorSenders} concurrent senders through the SDK in {floor.TotalSeconds:F1} s = {phones.Count / floor.TotalSeconds:F0}/s; load average {LoadAverage()}"));
    // Not the issue's floor, which stops when Twilio has taken the last message: the same loop until the emulator has
    // posted its status callbacks and the server has answered them all (it stores nothing for them: no attempt has
    // their SIDs). The campaign's wall time includes the same callbacks, recorded.
    // Busy: half a core or more over a quarter of a second. Idle, the two processes use a few percent of a core, in bursts
    // (Hangfire's polling, a collection) that once counted as callbacks still being answered, tens of seconds late.
    var answered = await CpuQuiet.BusyUntilAsync(() => server.CpuTime + emulator.CpuTime, floorClock, TimeSpan.FromMilliseconds(250), 0.5, TimeSpan.FromSeconds(2), TimeSpan.FromMinutes(5)) - floorStarted;
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"  floor until its status callbacks were answered: {answered.TotalSeconds:F1} s; server CPU for the floor's callbacks in all {(server.CpuTime - cpu.Server).TotalSeconds:F1} s"));
    await SettleAsync();
    return (floor, answered, used.Sender + used.Server + used.Emulator);
}

// Methods the server's runtime has compiled since it started (its perf map lists stubs too; those are not counted).
int ServerMethodsCompiled()
{
    var map = server.ProcessId is { } id ? Path.Combine(perfMaps, $"perf-{id}.map") : null;
    if (map is null || !File.Exists(map))
    {
        return 0;
    }

    using var reader = new StreamReader(new FileStream(map, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete));
    var count = 0;
    while (reader.ReadLine() is { } line)
    {
        // "<address> <size> <method>[<tier>]", the tier being QuickJitted, OptimizedTier1, InstrumentedTier, Optimized…;
        // a stub's line is "<address> <size> stub <kind>".
        if (line.EndsWith(']') && !line.Contains(" stub ", StringComparison.Ordinal))
        {
            count++;
        }
    }

    return count;
}

static double Median(IReadOnlyList<double> values)
{
    var sorted = values.Order().ToList();
    return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
}

// Throttled: 50 messages/s on the same server, restarted with the setting. Stopped, not killed: a killed server's
// Hangfire registration counts as live for a while, and the throttle would give it half of the rate.
async Task ThrottledAsync()
{
    await server.StopAsync();
    server.Settings["Campaigns:MessagesPerSecond"] = throttleRate.ToString(CultureInfo.InvariantCulture);
    await server.StartAsync();
    var slow = new SmsCampaignScenario(api, "throttle", throttled, "+86137");
    await slow.ImportAsync();
    await RunCampaignAsync(slow);
    var sent = (await SmsCampaignScenario.ReceivedAsync(emulatorClient, slow.Phones)).Values.SelectMany(t => t).Order().ToList();
    var achieved = (sent.Count - 1) / (sent[^1] - sent[0]).TotalSeconds;
    var busiest = sent.Select((at, i) => sent.Skip(i).TakeWhile(t => t - at < TimeSpan.FromSeconds(1)).Count()).Max();
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"throttle {throttleRate}/s: {sent.Count} SMS received by the emulator at {achieved:F2}/s ({(achieved / throttleRate - 1) * 100:+0.0;-0.0}%), busiest 1-second window {busiest}; load average {LoadAverage()}"));
}

// From the launch request (the campaign is created as a draft first, as staff do) to the completion the server recorded:
// the polling below only learns that it has completed, up to a quarter of a second later.
async Task<(TimeSpan Wall, DateTimeOffset LaunchedAt)> RunCampaignAsync(SmsCampaignScenario scenario)
{
    var id = await scenario.CreateAsync();
    var started = Stopwatch.StartNew();
    var launchedAt = DateTimeOffset.UtcNow;
    await scenario.LaunchAsync(id);
    // The list carries no counts, so polling it costs the server next to nothing.
    while (true)
    {
        var list = await api.GetFromJsonAsync<List<JsonElement>>("/api/campaigns");
        if (list!.First(c => c.GetProperty("id").GetInt32() == id).GetProperty("status").GetString() == "Completed")
        {
            await using var db = ServerCampaigns();
            var completedAt = await db.Campaigns.AsNoTracking().Where(c => c.Id == id).Select(c => c.CompletedAt).FirstAsync();
            return (completedAt!.Value - launchedAt, launchedAt);
        }

        if (started.Elapsed > TimeSpan.FromMinutes(30))
        {
            throw new TimeoutException($"campaign {id} did not complete in 30 minutes:\n{server.RecentOutput}");
        }

        await Task.Delay(250);
    }
}

async Task<TimeSpan> FloorAsync(IReadOnlyList<string> phones, string text)
{
    var builder = Host.CreateApplicationBuilder();
    builder.Logging.ClearProviders();
    builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
    {
        ["Twilio:ApiBaseUrl"] = $"{emulator.BaseUrl}/emulator",
        ["Twilio:AuthToken"] = ServerProcess.AuthToken,
        ["Twilio:PublicBaseUrl"] = server.BaseUrl,
    });
    builder.AddTelephony();
    using var host = builder.Build();
    var sms = host.Services.GetRequiredService<ISmsSender>();
    var started = Stopwatch.StartNew();
    await Parallel.ForAsync(0, phones.Count, new ParallelOptions { MaxDegreeOfParallelism = floorSenders }, async (i, token) =>
    {
        var result = await sms.SendAsync(new OutboundSms(phones[i], text, $"floor-{i}"), token);
        if (!result.Accepted)
        {
            throw new InvalidOperationException($"floor SMS {i} not accepted: {result.Disposition} {result.ErrorMessage}");
        }
    });
    return started.Elapsed;
}

// Where the campaign's time went, from its own rows in the server's database (read after it completed).
async Task<string> PhasesAsync(DateTimeOffset launchedAt)
{
    await using var db = ServerCampaigns();
    var run = await db.Campaigns.AsNoTracking().OrderByDescending(c => c.Id).FirstAsync();
    var attempts = await db.Attempts.AsNoTracking().Where(a => a.CampaignId == run.Id)
        .Select(a => new { a.DecidedAt, a.SentAt, a.FinalAt }).ToListAsync();
    var firstDecided = attempts.Min(a => a.DecidedAt);
    var lastSent = attempts.Max(a => a.SentAt)!.Value;
    var lastFinal = attempts.Max(a => a.FinalAt)!.Value;
    double Since(DateTimeOffset at) => (at - launchedAt).TotalSeconds;
    // Per second after launch: messages sent, and final statuses recorded (where the callbacks fell behind the sends).
    string PerSecond(IEnumerable<DateTimeOffset> times)
    {
        var counts = times.GroupBy(t => (int)Since(t)).ToDictionary(g => g.Key, g => g.Count());
        return string.Join(' ', Enumerable.Range(0, counts.Keys.Max() + 1).Select(s => counts.GetValueOrDefault(s).ToString(CultureInfo.InvariantCulture)));
    }

    return string.Create(CultureInfo.InvariantCulture,
        $"phases (s after launch): snapshot done {Since(run.SnapshotAt!.Value):F1}, first decision {Since(firstDecided):F1}, last message sent {Since(lastSent):F1} ({attempts.Count / (lastSent - firstDecided).TotalSeconds:F0} sends/s), last final status {Since(lastFinal):F1}, completed {Since(run.CompletedAt!.Value):F1}\n"
        + $"  sent per second: {PerSecond(attempts.Select(a => a.SentAt!.Value))}\n  final statuses per second: {PerSecond(attempts.Select(a => a.FinalAt!.Value))}");
}

// The campaigns module's tables in the server's database, read from here.
CampaignsDbContext ServerCampaigns()
{
    var builder = new DbContextOptionsBuilder<CampaignsDbContext>();
    OutreachDatabase.Configure(builder, new DatabaseOptions { ConnectionString = $"Data Source={Path.Combine(server.DataFolder, "outreach.db")}" }, "campaigns");
    return new CampaignsDbContext(builder.Options);
}

// The server and the emulator idle: under 5% of a core for half a second.
Task SettleAsync() => CpuQuiet.UntilQuietAsync(() => server.CpuTime + emulator.CpuTime, TimeSpan.FromMilliseconds(500), TimeSpan.FromMinutes(2));

static string LoadAverage() => File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Trim() : "n/a";
