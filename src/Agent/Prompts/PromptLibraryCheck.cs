using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Outreach.Agent.Prompts;

/// <summary>Loads the prompt files when the host starts, so a missing one stops the start instead of a resident's turn.</summary>
internal sealed class PromptLibraryCheck(IServiceProvider services) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        _ = services.GetRequiredService<PromptLibrary>();
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
