using System.Collections.Concurrent;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Outreach.Testing;

namespace Outreach.EndToEnd;

/// <summary>
/// At the product's own log levels (appsettings.json: Information), a campaign logs a handful of lines, not lines per
/// message: at a street's scale, per-message lines are hundreds of thousands of lines that cost the server more than the
/// sends themselves (the Twilio client's request log and Polly's attempt log once wrote five entries per SMS).
/// </summary>
public sealed class CampaignLogVolumeTests
{
    private const int Residents = 300;

    [Fact]
    public async Task A_campaign_logs_a_few_lines_at_the_products_own_levels_not_lines_per_message()
    {
        var log = new CountingLoggerProvider();
        await using var host = new ProductLogLevelsHost(log);
        await host.InitializeAsync();
        using var api = host.CreateAdminClient();
        var scenario = new SmsCampaignScenario(api, "log-volume", Residents);
        await scenario.ImportAsync();

        var before = log.Entries.Count;
        var id = await scenario.LaunchAsync();
        await Eventually.UntilAsync(() => scenario.StatusAsync(id), s => s == "Completed", TimeSpan.FromMinutes(2), $"campaign {id} to complete");

        var during = log.Entries.Skip(before).ToList();
        var summary = string.Join('\n', during.GroupBy(e => e).OrderByDescending(g => g.Count()).Take(5).Select(g => $"{g.Count()} × {g.Key}"));
        Assert.True(during.Count < Residents / 10, $"{during.Count} log entries for {Residents} messages:\n{summary}");
    }

    /// <summary>The server with appsettings.json's log levels instead of the quiet ones the other end-to-end tests use.</summary>
    private sealed class ProductLogLevelsHost(CountingLoggerProvider log) : OutreachHost
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureAppConfiguration(config => config.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Logging:LogLevel:Default"] = "Information",
                ["Logging:LogLevel:System.Net.Http"] = "Information",
            }));
            builder.ConfigureLogging(logging => logging.AddProvider(log));
        }
    }

    /// <summary>Keeps the category of every entry the configured levels let through.</summary>
    private sealed class CountingLoggerProvider : ILoggerProvider
    {
        public ConcurrentQueue<string> Entries { get; } = new();

        public ILogger CreateLogger(string categoryName) => new CountingLogger(categoryName, Entries);

        public void Dispose()
        {
        }

        private sealed class CountingLogger(string category, ConcurrentQueue<string> entries) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
                => entries.Enqueue($"{logLevel} {category}[{eventId.Id}]");
        }
    }
}
