using Hangfire;
using Microsoft.Extensions.DependencyInjection;
using Outreach.Testing;

namespace Outreach.EndToEnd;

/// <summary>
/// The console speaks the staff member's language (zh-CN unless chosen otherwise); the API and Twilio's webhooks are
/// machine interfaces and keep the process's culture, and so do the jobs they enqueue (Hangfire performs a job in the
/// culture it was enqueued in).
/// </summary>
public sealed class MachineInterfaceCultureTests(OutreachHost host) : IClassFixture<OutreachHost>
{
    [Fact]
    public async Task Console_pages_are_zh_CN_while_the_jobs_a_launch_through_the_api_enqueues_keep_the_process_culture()
    {
        using var anonymous = host.CreateAnonymousClient();
        var login = await anonymous.GetStringAsync(new Uri("/Login", UriKind.Relative));
        Assert.Contains("<html lang=\"zh-CN\">", login, StringComparison.Ordinal);

        using var api = host.CreateAdminClient();
        var scenario = new SmsCampaignScenario(api, "culture", 3);
        await scenario.ImportAsync();
        var campaignId = await scenario.LaunchAsync();
        // Once the campaign has completed, its launch and chunk jobs have succeeded: a state they stay in.
        await Eventually.UntilAsync(() => scenario.StatusAsync(campaignId), status => status == "Completed", TimeSpan.FromMinutes(1), "the campaign to complete");

        var storage = host.Services.GetRequiredService<JobStorage>();
        var jobIds = storage.GetMonitoringApi().SucceededJobs(0, 100).Select(j => j.Key).ToList();
        Assert.NotEmpty(jobIds);
        using var connection = storage.GetConnection();
        foreach (var jobId in jobIds)
        {
            // Hangfire stores the culture a job was enqueued in; this process runs in the invariant culture.
            Assert.DoesNotContain("zh", connection.GetJobParameter(jobId, "CurrentCulture") ?? string.Empty, StringComparison.Ordinal);
            Assert.DoesNotContain("zh", connection.GetJobParameter(jobId, "CurrentUICulture") ?? string.Empty, StringComparison.Ordinal);
        }
    }
}
