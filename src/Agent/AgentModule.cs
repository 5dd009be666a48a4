using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Microsoft.SemanticKernel;
using Outreach.Agent.Conversations;
using Outreach.Agent.Interpretation;
using Outreach.Agent.Knowledge;
using Outreach.Agent.Prompts;
using Outreach.Agent.Providers;
using Outreach.Agent.Storage;
using Outreach.Agent.Usage;
using Outreach.Agent.Wording;
using Outreach.Storage;

namespace Outreach.Agent;

/// <summary>The agent module: model providers, prompts, notice wording, conversations, knowledge base, offline interpreter.</summary>
public static class AgentModule
{
    public static IHostApplicationBuilder AddAgent(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.AddOptions<AgentOptions>().BindConfiguration(AgentOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<AgentOptions>, AgentOptionsValidator>();
        services.TryAddSingleton(TimeProvider.System);

        services.AddModuleDbContext<AgentDbContext>("agent");
        services.AddSingleton<IDatabaseMigration, AgentDatabaseMigration>();

        services.AddSingleton(sp => PromptLibrary.Load(sp.GetRequiredService<IOptions<AgentOptions>>().Value.ResolvedPromptsPath));
        services.AddHostedService<PromptLibraryCheck>();
        services.AddSingleton<ReplyInterpreter>();
        services.AddSingleton<KnowledgeIndexCache>();
        services.AddScoped<KnowledgeEmbedder>();
        services.AddScoped<KnowledgeBase>();
        services.AddScoped<KnowledgeDocuments>();
        services.AddScoped<ResidentProfiles>();
        services.AddScoped<ConversationStore>();
        services.AddScoped<OfflineResponder>();
        services.AddScoped<UsageRecorder>();
        services.AddScoped<TemplateNoticeWriter>();

        // The model parts exist only when a provider is configured; the offline agent needs no kernel.
        services.AddSingleton(sp => AgentKernelFactory.Create(sp.GetRequiredService<IOptions<AgentOptions>>().Value));
        services.AddScoped<IResidentAgent>(sp => IsOffline(sp)
            ? ActivatorUtilities.CreateInstance<ResidentAgent>(sp)
            : ActivatorUtilities.CreateInstance<ResidentAgent>(sp, ActivatorUtilities.CreateInstance<ModelResponder>(sp)));
        services.AddScoped<INoticeWriter>(sp => IsOffline(sp)
            ? sp.GetRequiredService<TemplateNoticeWriter>()
            : ActivatorUtilities.CreateInstance<ModelNoticeWriter>(sp));
        return builder;
    }

    /// <summary>Maps /api/knowledge and /api/agent endpoints.</summary>
    public static IEndpointRouteBuilder MapAgentApi(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        endpoints.MapKnowledgeApi();
        endpoints.MapUsageApi();
        return endpoints;
    }

    private static bool IsOffline(IServiceProvider services)
        => services.GetRequiredService<IOptions<AgentOptions>>().Value.Provider == ModelProvider.Offline;
}
