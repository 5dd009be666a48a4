using System.Collections.Concurrent;
using System.Diagnostics;
using Outreach.Testing;

namespace Outreach.Telephony.Tests.Conformance;

/// <summary>
/// Stoplight Prism (npm @stoplight/prism-cli) in front of Twilio's official OpenAPI description: installed on
/// first use into the repository's ignored node_modules (never globally), started on a loopback port.
/// </summary>
public sealed class PrismServer : IAsyncDisposable
{
    public const string Version = "5.16.0";
    private const string SpecFile = "twilio_api_v2010.json";
    private static readonly SemaphoreSlim InstallGate = new(1, 1);

    private readonly Process process;
    private readonly ConcurrentQueue<string> output;

    private PrismServer(Process process, ConcurrentQueue<string> output, string baseUrl)
    {
        this.process = process;
        this.output = output;
        BaseUrl = baseUrl;
    }

    public string BaseUrl { get; }

    /// <summary>Everything Prism printed: its request and response violations are listed here.</summary>
    public string Log => string.Join(Environment.NewLine, output);

    /// <summary>Null when node and npx are on PATH, else why the conformance tests are skipped.</summary>
    public static string? MissingNode()
    {
        var path = Environment.GetEnvironmentVariable("PATH") ?? string.Empty;
        bool Has(string tool) => path.Split(Path.PathSeparator).Any(folder => File.Exists(Path.Combine(folder, tool)) || File.Exists(Path.Combine(folder, tool + ".cmd")));
        return Has("node") && Has("npx") ? null : "Prism conformance needs node and npx on PATH; they are not installed, so it is skipped.";
    }

    public static async Task<PrismServer> StartAsync(params string[] arguments)
    {
        var prism = await EnsureInstalledAsync();
        var port = LoopbackPort.Free();
        var output = new ConcurrentQueue<string>();
        var listening = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var start = new ProcessStartInfo(prism) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments.Concat(["-h", "127.0.0.1", "-p", port.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            start.ArgumentList.Add(argument);
        }

        var process = new Process { StartInfo = start };
        void Collect(object sender, DataReceivedEventArgs e)
        {
            if (e.Data is null)
            {
                return;
            }

            output.Enqueue(e.Data);
            if (e.Data.Contains("Prism is listening", StringComparison.Ordinal))
            {
                listening.TrySetResult();
            }
        }

        process.OutputDataReceived += Collect;
        process.ErrorDataReceived += Collect;
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var server = new PrismServer(process, output, $"http://127.0.0.1:{port}");
        try
        {
            await listening.Task.WaitAsync(TimeSpan.FromSeconds(120));
        }
        catch (TimeoutException)
        {
            await server.DisposeAsync();
            throw new InvalidOperationException($"Prism did not start:{Environment.NewLine}{server.Log}");
        }

        return server;
    }

    public static string SpecPath()
    {
        var fromEnvironment = Environment.GetEnvironmentVariable("TWILIO_OAI_SPEC");
        if (!string.IsNullOrEmpty(fromEnvironment))
        {
            return fromEnvironment;
        }

        // In CI the spec is at ../shared/twilio-oai relative to the repository; a worktree sits deeper.
        for (var folder = new DirectoryInfo(RepositoryRoot()); folder is not null; folder = folder.Parent)
        {
            var candidate = Path.Combine(folder.FullName, "shared", "twilio-oai", SpecFile);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new FileNotFoundException($"Twilio's OpenAPI description {SpecFile} was not found under ../shared/twilio-oai from {RepositoryRoot()} (or TWILIO_OAI_SPEC).");
    }

    public async ValueTask DisposeAsync()
    {
        if (Environment.GetEnvironmentVariable("PRISM_LOG_DIR") is { Length: > 0 } logs)
        {
            await File.WriteAllTextAsync(Path.Combine(logs, $"prism-{new Uri(BaseUrl).Port}.log"), Log);
        }

        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }

        process.Dispose();
    }

    private static async Task<string> EnsureInstalledAsync()
    {
        var folder = Path.Combine(RepositoryRoot(), "node_modules", $".outreach-prism-{Version}");
        var prism = Path.Combine(folder, "node_modules", ".bin", OperatingSystem.IsWindows() ? "prism.cmd" : "prism");
        await InstallGate.WaitAsync();
        try
        {
            if (File.Exists(prism))
            {
                return prism;
            }

            Directory.CreateDirectory(folder);
            var install = new ProcessStartInfo("npm") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            foreach (var argument in new[] { "install", "--prefix", folder, "--no-audit", "--no-fund", "--no-save", "--loglevel=error", $"@stoplight/prism-cli@{Version}" })
            {
                install.ArgumentList.Add(argument);
            }

            using var npm = Process.Start(install)!;
            var stderr = npm.StandardError.ReadToEndAsync();
            await npm.StandardOutput.ReadToEndAsync();
            await npm.WaitForExitAsync();
            if (npm.ExitCode != 0 || !File.Exists(prism))
            {
                throw new InvalidOperationException($"npm install @stoplight/prism-cli@{Version} failed ({npm.ExitCode}): {await stderr}");
            }

            return prism;
        }
        finally
        {
            InstallGate.Release();
        }
    }

    private static string RepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "Outreach.slnx")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException($"No Outreach.slnx above {AppContext.BaseDirectory}.");
    }
}
