using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;

namespace Outreach.Testing;

/// <summary>
/// The built server (src/Server/bin/&lt;Configuration&gt;/net10.0/Outreach.Server.dll) as a child process, configured
/// by environment variables: its own port, data folder and database. <see cref="Kill"/> is SIGKILL (no shutdown
/// hooks run); <see cref="StartAsync"/> again brings it back on the same data.
/// </summary>
public sealed class ServerProcess : IAsyncDisposable
{
    public const string AdminKey = "process-admin-key";

    /// <summary>The same token as the in-process test host's, so either can be the other's Twilio emulator.</summary>
    public const string AuthToken = "test-auth-token";

    private readonly ConcurrentQueue<string> output = new();
    private readonly ConcurrentQueue<string> everything = new();
    private Process? process;

    /// <param name="dataFolder">Holds the SQLite files (app and Hangfire) unless <paramref name="settings"/> points elsewhere.</param>
    /// <param name="settings">Configuration keys as in appsettings ("Campaigns:SweepSeconds"); they win over the defaults here.</param>
    public ServerProcess(string dataFolder, IReadOnlyDictionary<string, string?>? settings = null, string? configuration = null)
    {
        DataFolder = dataFolder;
        // Tests run the server of their own build: tests/X/bin/<Configuration>/net10.0/.
        Configuration = configuration ?? new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Parent!.Name;
        Port = LoopbackPort.Free();
        Settings = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["Urls"] = BaseUrl,
            ["Outreach:AdminApiKey"] = AdminKey,
            ["Outreach:DataFolder"] = dataFolder,
            ["Outreach:SeedDemo"] = "true",
            ["Database:Provider"] = "Sqlite",
            ["Database:ConnectionString"] = $"Data Source={Path.Combine(dataFolder, "outreach.db")}",
            ["Twilio:AuthToken"] = AuthToken,
            ["Twilio:PublicBaseUrl"] = BaseUrl,
            ["Jobs:QueuePollInterval"] = "00:00:00.200",
            ["Logging:LogLevel:Default"] = "Warning",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            Settings[key] = value;
        }
    }

    public string DataFolder { get; }

    /// <summary>The build of the server to run (Debug, Release).</summary>
    public string Configuration { get; }

    /// <summary>Configuration of the next start; change it between a kill and a start.</summary>
    public Dictionary<string, string?> Settings { get; }

    public int Port { get; }

    public string BaseUrl => $"http://127.0.0.1:{Port}";

    /// <summary>How many times the process was started.</summary>
    public int Starts { get; private set; }

    public bool IsRunning => process is { HasExited: false };

    /// <summary>The last lines the process wrote, for a failing test's message.</summary>
    public string RecentOutput => string.Join('\n', output);

    /// <summary>How many lines the process wrote, across all its starts, contain <paramref name="text"/>.</summary>
    public int CountOutput(string text) => everything.Count(line => line.Contains(text, StringComparison.Ordinal));

    /// <summary>Every line the process has written so far that contains <paramref name="text"/>.</summary>
    public IReadOnlyList<string> OutputContaining(string text) => [.. everything.Where(line => line.Contains(text, StringComparison.Ordinal))];

    /// <summary>The server's process id while it runs.</summary>
    public int? ProcessId => IsRunning ? process!.Id : null;

    /// <summary>The process's peak resident memory so far (VmHWM on Linux), in bytes; 0 where /proc is missing.</summary>
    public long PeakMemoryBytes => ProcessId is { } id && File.Exists($"/proc/{id}/status")
        ? File.ReadLines($"/proc/{id}/status").Where(l => l.StartsWith("VmHWM:", StringComparison.Ordinal))
            .Select(l => long.Parse(l.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) * 1024).FirstOrDefault()
        : 0;

    /// <summary>Bytes the process has written to files so far (write_bytes of /proc/&lt;pid&gt;/io: what it dirtied for the disk); 0 where /proc is missing.</summary>
    public long WrittenBytes => ProcessId is { } id && File.Exists($"/proc/{id}/io")
        ? File.ReadLines($"/proc/{id}/io").Where(l => l.StartsWith("write_bytes:", StringComparison.Ordinal))
            .Select(l => long.Parse(l["write_bytes:".Length..].Trim(), CultureInfo.InvariantCulture)).FirstOrDefault()
        : 0;

    /// <summary>CPU time the process has used so far (user + system, from /proc/&lt;pid&gt;/stat); zero where /proc is missing.</summary>
    public TimeSpan CpuTime
    {
        get
        {
            if (ProcessId is not { } id || !File.Exists($"/proc/{id}/stat"))
            {
                return TimeSpan.Zero;
            }

            // Fields after the command name (which may hold spaces, so split after its closing parenthesis): utime is the 12th, stime the 13th, in clock ticks of 1/100 s.
            var stat = File.ReadAllText($"/proc/{id}/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            var ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
            return TimeSpan.FromSeconds(ticks / 100.0);
        }
    }

    /// <summary>src/Server/bin/&lt;Configuration&gt;/net10.0/Outreach.Server.dll of this repository (built by a ProjectReference).</summary>
    public string ServerDll
    {
        get
        {
            var root = new DirectoryInfo(AppContext.BaseDirectory);
            while (root is not null && !File.Exists(Path.Combine(root.FullName, "Outreach.slnx")))
            {
                root = root.Parent;
            }

            var dll = Path.Combine(root?.FullName ?? ".", "src", "Server", "bin", Configuration, "net10.0", "Outreach.Server.dll");
            return File.Exists(dll) ? dll : throw new FileNotFoundException($"Build the server first: {dll} is missing.", dll);
        }
    }

    /// <summary>Starts the process and waits until /health answers 200 (databases migrated, seeded, jobs running).</summary>
    public async Task StartAsync(TimeSpan? timeout = null)
    {
        if (IsRunning)
        {
            throw new InvalidOperationException("The server is already running.");
        }

        var dll = ServerDll;
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Path.GetDirectoryName(dll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(dll);
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Testing";
        foreach (var (key, value) in Settings)
        {
            start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        process = new Process { StartInfo = start, EnableRaisingEvents = true };
        process.OutputDataReceived += (_, e) => Remember(e.Data);
        process.ErrorDataReceived += (_, e) => Remember(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        Starts++;
        await WaitUntilHealthyAsync(timeout ?? TimeSpan.FromMinutes(4));
    }

    /// <summary>SIGKILL: the process dies at once, mid-request and mid-transaction, as in a power cut.</summary>
    public void Kill()
    {
        if (process is null)
        {
            return;
        }

        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
        }

        process.WaitForExit();
        process.Dispose();
        process = null;
    }

    /// <summary>SIGTERM: the process shuts down as a service manager stops it (Hangfire signs its server off), then exits.</summary>
    public async Task StopAsync(TimeSpan? timeout = null)
    {
        if (process is not { HasExited: false } running)
        {
            Kill();
            return;
        }

        using (var term = Process.Start("kill", ["-TERM", running.Id.ToString(CultureInfo.InvariantCulture)])!)
        {
            await term.WaitForExitAsync();
        }

        using var deadline = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(60));
        try
        {
            await running.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            // It did not stop in time: what remains is a kill.
        }

        Kill();
    }

    public HttpClient CreateAdminClient()
    {
        var client = new HttpClient { BaseAddress = new Uri(BaseUrl), Timeout = TimeSpan.FromSeconds(60) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", AdminKey);
        return client;
    }

    public ValueTask DisposeAsync()
    {
        Kill();
        return ValueTask.CompletedTask;
    }

    private async Task WaitUntilHealthyAsync(TimeSpan timeout)
    {
        using var http = new HttpClient { BaseAddress = new Uri(BaseUrl), Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            if (process is not { HasExited: false })
            {
                throw new InvalidOperationException($"The server exited during start-up:\n{RecentOutput}");
            }

            try
            {
                using var response = await http.GetAsync(new Uri("/health", UriKind.Relative));
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException)
            {
                // Busy starting.
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"The server did not become healthy within {timeout}:\n{RecentOutput}");
            }

            await Task.Delay(100);
        }
    }

    private void Remember(string? line)
    {
        if (line is null)
        {
            return;
        }

        output.Enqueue(line);
        everything.Enqueue(line);
        while (output.Count > 200)
        {
            output.TryDequeue(out _);
        }
    }
}
