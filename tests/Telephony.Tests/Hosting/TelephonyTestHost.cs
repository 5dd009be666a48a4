using System.Net.Http.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Outreach.Storage;
using Outreach.Telephony.Emulator;
using Outreach.Telephony.Webhooks;
using Outreach.Testing;

namespace Outreach.Telephony.Tests.Hosting;

/// <summary>
/// The Telephony module in a real Kestrel on a loopback port, with the built-in emulator, and recording
/// stand-ins for the handlers the Campaigns module provides.
/// </summary>
public sealed class TelephonyTestHost : IAsyncDisposable
{
    public const string AuthToken = "test-auth-token";

    private readonly WebApplication app;
    private readonly TestDatabase database;

    private TelephonyTestHost(WebApplication app, TestDatabase database, string baseUrl, RecordingHandlers handlers)
    {
        this.app = app;
        this.database = database;
        BaseUrl = baseUrl;
        Handlers = handlers;
    }

    public string BaseUrl { get; }

    public RecordingHandlers Handlers { get; }

    /// <summary>This host's database, for a second host that shares it (as servers behind a load balancer do).</summary>
    public string DatabaseConnectionString => database.Options.ConnectionString;

    public IServiceProvider Services => app.Services;

    public static async Task<TelephonyTestHost> StartAsync(IDictionary<string, string?>? settings = null)
    {
        var baseUrl = $"http://127.0.0.1:{LoopbackPort.Free()}";
        var database = new TestDatabase();
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Development", ContentRootPath = AppContext.BaseDirectory });
        builder.WebHost.UseUrls(baseUrl);
        builder.Logging.ClearProviders();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Twilio:AuthToken"] = AuthToken,
            ["Twilio:PublicBaseUrl"] = baseUrl,
            ["Emulator:RingTime"] = "00:00:00.001",
            ["Database:ConnectionString"] = database.Options.ConnectionString,
        });
        if (settings is not null)
        {
            builder.Configuration.AddInMemoryCollection(settings);
        }

        builder.AddTelephony();
        var handlers = new RecordingHandlers();
        builder.Services.AddSingleton(handlers);
        builder.Services.AddSingleton<IInboundSmsHandler>(handlers);
        builder.Services.AddSingleton<IDeliveryStatusHandler>(handlers);
        builder.Services.AddSingleton<IVoiceConversation>(handlers);
        builder.Services.AddSingleton<Outreach.Telephony.Relay.IRelayConversation>(handlers);

        var app = builder.Build();
        foreach (var migration in app.Services.GetServices<IDatabaseMigration>())
        {
            await migration.MigrateAsync(app.Services, CancellationToken.None);
        }

        app.MapTelephony();
        await app.StartAsync();
        return new TelephonyTestHost(app, database, baseUrl, handlers);
    }

    public T Get<T>()
        where T : notnull => app.Services.GetRequiredService<T>();

    public HttpClient Client() => new() { BaseAddress = new Uri(BaseUrl) };

    /// <summary>What the emulator heard and said on a call.</summary>
    public async Task<List<TranscriptLine>> TranscriptOf(string callSid)
    {
        using var client = Client();
        return (await client.GetFromJsonAsync<List<TranscriptLine>>($"/emulator/calls/{callSid}/transcript"))!;
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
        database.Dispose();
    }
}
