using Hangfire;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;
using Outreach.Telephony;
using Outreach.Storage;

namespace Outreach.Server.StaffConsole.Pages;

/// <summary>What the server talks to: telephony (emulator or Twilio), the agent's model, Hangfire and the database.</summary>
public sealed class SettingsModel(IOptions<TwilioOptions> twilio, IOptions<DatabaseOptions> database, IConfiguration configuration, JobStorage jobs) : PageModel
{
    public string Telephony { get; private set; } = string.Empty;

    public string Model { get; private set; } = string.Empty;

    public string Database { get; private set; } = string.Empty;

    public int JobServers { get; private set; }

    public long Enqueued { get; private set; }

    public long Processing { get; private set; }

    public long Failed { get; private set; }

    public void OnGet()
    {
        Telephony = twilio.Value.UsesBuiltInEmulator
            ? $"Built-in Twilio emulator · from {twilio.Value.FromNumber}"
            : $"Twilio at {twilio.Value.ApiBaseUrl} · from {twilio.Value.FromNumber} · webhooks {twilio.Value.PublicBaseUrl}/twilio/…";

        // The agent module owns its options; the console only reports the configured provider and model name.
        var provider = configuration["Agent:Provider"] ?? "Offline";
        var modelName = configuration["Agent:Model"] ?? configuration["Agent:ModelId"];
        Model = string.Equals(provider, "Offline", StringComparison.OrdinalIgnoreCase)
            ? "Offline interpreter (no model key)"
            : modelName is null ? provider : $"{provider} · {modelName}";
        Database = database.Value.Provider.ToString();

        var monitoring = jobs.GetMonitoringApi();
        var statistics = monitoring.GetStatistics();
        JobServers = monitoring.Servers().Count;
        Enqueued = statistics.Enqueued;
        Processing = statistics.Processing;
        Failed = statistics.Failed;
    }
}
