using System.Diagnostics;
using Npgsql;
using Outreach.Storage;

namespace Outreach.Testing;

/// <summary>
/// A throwaway PostgreSQL cluster (15 on Debian 12) for this test process: made with initdb in a temp folder, started with
/// pg_ctl on a free port the first time a test asks for a database, and stopped when the process exits.
/// Each <see cref="CreateDatabaseAsync"/> gives a fresh empty database, so tests never share state.
/// </summary>
public sealed class PostgresCluster
{
    /// <summary>Where Debian's <c>postgresql</c> package puts each major version's server binaries.</summary>
    private const string DebianBinaries = "/usr/lib/postgresql";

    private const string ClusterOwner = "postgres";

    private static readonly Lazy<Task<PostgresCluster>> Instance = new(StartAsync);

    private readonly string binaries;
    private readonly string dataFolder;
    private readonly bool runAsOwner;

    private PostgresCluster(string binaries, string dataFolder, bool runAsOwner)
    {
        this.binaries = binaries;
        this.dataFolder = dataFolder;
        this.runAsOwner = runAsOwner;
    }

    public int Port { get; private set; }

    /// <summary>The process-wide cluster, started on first use.</summary>
    public static Task<PostgresCluster> SharedAsync() => Instance.Value;

    /// <summary>Creates a fresh empty database on the shared cluster and returns options that point every module at it.</summary>
    public static async Task<DatabaseOptions> CreateDatabaseAsync()
    {
        var cluster = await SharedAsync();
        return await cluster.CreateDatabaseOnClusterAsync();
    }

    public string ConnectionString(string database) => new NpgsqlConnectionStringBuilder
    {
        Host = "127.0.0.1",
        Port = Port,
        Username = ClusterOwner,
        Database = database,
        IncludeErrorDetail = true,
        // Many hosts share one small cluster; keep each pool modest so max_connections is not exhausted.
        MaxPoolSize = 30,
    }.ConnectionString;

    private async Task<DatabaseOptions> CreateDatabaseOnClusterAsync()
    {
        var name = $"outreach_{Guid.NewGuid():N}";
        await using (var connection = new NpgsqlConnection(ConnectionString("postgres")))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
            await command.ExecuteNonQueryAsync();
        }

        return new DatabaseOptions { Provider = DatabaseProvider.PostgreSql, ConnectionString = ConnectionString(name) };
    }

    private static async Task<PostgresCluster> StartAsync()
    {
        var binaries = FindBinaries();

        // initdb refuses to run as root: as root, the cluster belongs to the postgres user the Debian package creates.
        var runAsOwner = Environment.UserName == "root";
        var dataFolder = Path.Combine(Path.GetTempPath(), $"outreach-postgres-{Guid.NewGuid():N}");
        var cluster = new PostgresCluster(binaries, dataFolder, runAsOwner);
        await cluster.RunAsync("initdb", "-D", dataFolder, "-U", ClusterOwner, "--auth=trust", "--encoding=UTF8", "--locale=C.UTF-8", "--no-sync");
        cluster.StopWhenProcessExits();

        // Another process may take the free port before the server binds it; then try another one.
        for (var attempt = 1; ; attempt++)
        {
            cluster.Port = LoopbackPort.Free();

            // Durability is pointless for a throwaway cluster; turning it off keeps the tests fast.
            var settings = $"-p {cluster.Port} -c listen_addresses=127.0.0.1 -k {dataFolder} -c max_connections=400 -c fsync=off " +
                           "-c synchronous_commit=off -c full_page_writes=off -c shared_buffers=64MB";
            try
            {
                await cluster.RunAsync("pg_ctl", "start", "-w", "-t", "60", "-D", dataFolder, "-l", Path.Combine(dataFolder, "server.log"), "-o", settings);
                break;
            }
            catch (InvalidOperationException) when (attempt < 3)
            {
            }
        }

        return cluster;
    }

    /// <summary>POSTGRES_BIN if set, else the newest version Debian's package installed (15 on Debian 12).</summary>
    private static string FindBinaries()
    {
        var candidates = Environment.GetEnvironmentVariable("POSTGRES_BIN") is { Length: > 0 } configured
            ? [configured]
            : Directory.Exists(DebianBinaries)
                ? Directory.GetDirectories(DebianBinaries).Select(version => Path.Combine(version, "bin"))
                    .OrderByDescending(bin => int.TryParse(Path.GetFileName(Path.GetDirectoryName(bin)), out var major) ? major : 0)
                    .ToArray()
                : [];
        return candidates.FirstOrDefault(bin => File.Exists(Path.Combine(bin, "initdb")) && File.Exists(Path.Combine(bin, "pg_ctl")))
            ?? throw new InvalidOperationException(
                $"PostgreSQL server binaries (initdb, pg_ctl) were not found in {DebianBinaries}/<version>/bin. Install Debian's " +
                "'postgresql' package (apt-get install postgresql; test.sh does this) or set POSTGRES_BIN to the folder that holds them.");
    }

    /// <summary>
    /// Stops the cluster and deletes its folder once this test process is gone, however it ends (a test host that is
    /// killed runs no exit handlers). The watchdog runs in its own session so it outlives the test host.
    /// </summary>
    private void StopWhenProcessExits()
    {
        var stop = string.Join(' ', Command("pg_ctl", "stop", "-D", dataFolder, "-m", "immediate").Select(part => $"'{part}'"));
        var watchdog = new ProcessStartInfo("setsid")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "sh", "-c", $"exec >/dev/null 2>&1 </dev/null; while kill -0 {Environment.ProcessId}; do sleep 1; done; {stop}; rm -rf '{dataFolder}'" })
        {
            watchdog.ArgumentList.Add(argument);
        }

        using var process = Process.Start(watchdog) ?? throw new InvalidOperationException("Could not start the PostgreSQL watchdog.");
    }

    /// <summary>The command line for one server tool, run as the cluster's owner when this process is root.</summary>
    private List<string> Command(string tool, params string[] arguments)
    {
        var command = runAsOwner ? new List<string> { "runuser", "-u", ClusterOwner, "--" } : [];
        command.Add(Path.Combine(binaries, tool));
        command.AddRange(arguments);
        return command;
    }

    private async Task RunAsync(string tool, params string[] arguments)
    {
        var command = Command(tool, arguments);
        var start = new ProcessStartInfo(command[0]) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in command.Skip(1))
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {tool}.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{tool} failed with exit code {process.ExitCode}: {await error}{await output}");
        }
    }
}
