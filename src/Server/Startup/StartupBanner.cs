using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;
using Outreach.Server.Security;
using Outreach.Telephony;

namespace Outreach.Server.Startup;

/// <summary>Tells a newcomer where to look once the server listens.</summary>
public sealed class StartupBanner(
    IHostApplicationLifetime lifetime,
    IServer server,
    AdminApiKey adminKey,
    IOptions<TwilioOptions> twilio,
    IEnumerable<IStartupBannerLines> modules) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        lifetime.ApplicationStarted.Register(Print);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private void Print()
    {
        var address = server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault() ?? "http://localhost:5080";
        var lines = new List<string>
        {
            string.Empty,
            "Outreach is running.",
            $"  API               {address}/api   (Authorization: Bearer <admin key>)",
            $"  OpenAPI document  {address}/openapi/v1.json",
            $"  Hangfire jobs     {address}/jobs",
            $"  Health            {address}/health",
        };
        lines.Add(twilio.Value.UsesBuiltInEmulator
            ? $"  Twilio emulator   {address}/emulator/phone   (resident phone page)"
            : $"  Twilio            {twilio.Value.ApiBaseUrl}   webhooks at {twilio.Value.PublicBaseUrl}/twilio/...");
        if (adminKey.GeneratedKey is not null)
        {
            lines.Add($"  Admin API key     {adminKey.GeneratedKey}   (generated now and shown only this once; set Outreach:AdminApiKey to choose your own)");
        }

        lines.AddRange(modules.SelectMany(m => m.Lines(address)));

        // Written to the console, not the log: generated keys and passwords must not end up in log storage.
        Console.WriteLine(string.Join(Environment.NewLine, lines) + Environment.NewLine);
    }
}
