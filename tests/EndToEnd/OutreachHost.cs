using System.Net.Http.Headers;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;
using Outreach.Testing;

namespace Outreach.EndToEnd;

/// <summary>
/// The real server in Kestrel on a loopback port, with a real SQLite file, a real Hangfire server and the built-in
/// Twilio emulator — the same composition `dotnet run` uses, pointed at a temp folder.
/// </summary>
public sealed class OutreachHost : WebApplicationFactory<Program>
{
    public const string AdminKey = "test-admin-key";
    public const string AuthToken = "test-auth-token";

    private readonly TestDatabase database = new();

    public OutreachHost()
    {
        Port = LoopbackPort.Free();
        UseKestrel(Port);
    }

    public int Port { get; }

    public string BaseUrl => $"http://127.0.0.1:{Port}";

    public string DataFolder => database.Folder;

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
            ["Database:Provider"] = "Sqlite",
            ["Database:ConnectionString"] = database.Options.ConnectionString,
            ["Twilio:AuthToken"] = AuthToken,
            ["Twilio:PublicBaseUrl"] = BaseUrl,
            ["Jobs:QueuePollInterval"] = "00:00:00.200",
            // Per-request logs of thousands of emulator callbacks would slow the host more than the work itself.
            ["Logging:LogLevel:Default"] = "Warning",
            ["Logging:LogLevel:System.Net.Http"] = "Error",
        }));
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
