using System.Net.Http.Headers;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;
using Outreach.Testing;

namespace Outreach.Telephony.Tests.Hosting;

/// <summary>The whole server in Kestrel on a loopback port, with Twilio:VoiceMode = ConversationRelay and the built-in emulator.</summary>
public sealed class RelayServerHost : WebApplicationFactory<Program>
{
    public const string AdminKey = "relay-admin-key";

    private readonly TestDatabase database = new();
    private readonly int port;

    public RelayServerHost()
    {
        port = LoopbackPort.Free();
        UseKestrel(port);
    }

    public string BaseUrl => $"http://127.0.0.1:{port}";

    public HttpClient CreateAdminClient()
    {
        StartServer();
        var client = new HttpClient { BaseAddress = new Uri(BaseUrl), Timeout = TimeSpan.FromSeconds(30) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", AdminKey);
        return client;
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
            ["Twilio:AuthToken"] = TelephonyTestHost.AuthToken,
            ["Twilio:PublicBaseUrl"] = BaseUrl,
            ["Twilio:VoiceMode"] = "ConversationRelay",
            ["Jobs:QueuePollInterval"] = "00:00:00.200",
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
