using System.Net.Http.Headers;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;
using Outreach.Testing;
using Outreach.Storage;

namespace Outreach.EndToEnd;

/// <summary>
/// The real server in Kestrel on a loopback port, with a real SQLite file, a real Hangfire server and the built-in
/// Twilio emulator — the same composition `dotnet run` uses, pointed at a temp folder.
/// </summary>
public class OutreachHost : WebApplicationFactory<Program>, IAsyncLifetime
{
    public const string AdminKey = "test-admin-key";
    public const string AuthToken = "test-auth-token";

    private readonly TestDatabase database = new();
    private DatabaseOptions options;

    public OutreachHost()
    {
        options = database.Options;
        Port = LoopbackPort.Free();
        UseKestrel(Port);
    }

    public int Port { get; }

    public string BaseUrl => $"http://127.0.0.1:{Port}";

    public string DataFolder => database.Folder;

    /// <summary>The database every module and Hangfire use.</summary>
    public DatabaseOptions Database => options;

    /// <summary>An HTTP client on the real socket, authenticated as the street admin.</summary>
    public HttpClient CreateAdminClient()
    {
        var client = CreateAnonymousClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", AdminKey);
        return client;
    }

    public HttpClient CreateAnonymousClient()
    {
        StartServer();
        return new HttpClient { BaseAddress = new Uri(BaseUrl), Timeout = TimeSpan.FromSeconds(30) };
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.UseEnvironment("Testing");
        builder.ConfigureAppConfiguration(config => config.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Outreach:AdminApiKey"] = AdminKey,
            ["Outreach:DataFolder"] = database.Folder,
            ["Database:Provider"] = options.Provider.ToString(),
            ["Database:ConnectionString"] = options.ConnectionString,
            ["Twilio:AuthToken"] = AuthToken,
            ["Twilio:PublicBaseUrl"] = BaseUrl,
            ["Jobs:QueuePollInterval"] = "00:00:00.200",
            // Quiet: these tests read results, not logs (CampaignLogVolumeTests runs at the product's own levels).
            ["Logging:LogLevel:Default"] = "Warning",
            ["Logging:LogLevel:System.Net.Http"] = "Error",
        }));
    }

    /// <summary>Points the host at its own database before it starts (xunit calls this for a fixture).</summary>
    public virtual async Task InitializeAsync() => options = await CreateDatabaseAsync(database);

    Task IAsyncLifetime.DisposeAsync() => Task.CompletedTask;

    /// <summary>The database the server uses: the SQLite file in the host's temp folder unless a subclass says otherwise.</summary>
    protected virtual Task<DatabaseOptions> CreateDatabaseAsync(TestDatabase sqlite)
    {
        ArgumentNullException.ThrowIfNull(sqlite);
        return Task.FromResult(sqlite.Options);
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            database.Dispose();
        }
    }
}
