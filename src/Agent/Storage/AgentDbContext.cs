using Microsoft.EntityFrameworkCore;
using Outreach.Agent.Conversations;
using Outreach.Agent.Knowledge;
using Outreach.Agent.Usage;
using Outreach.Storage;

namespace Outreach.Agent.Storage;

/// <summary>The agent's own tables: conversations and turns, the knowledge base and its passage vectors, model usage.</summary>
public sealed class AgentDbContext(DbContextOptions<AgentDbContext> options) : DbContext(options)
{
    public DbSet<Conversation> Conversations => Set<Conversation>();

    public DbSet<ConversationTurn> Turns => Set<ConversationTurn>();

    public DbSet<KnowledgeDocument> Knowledge => Set<KnowledgeDocument>();

    public DbSet<PassageEmbedding> Embeddings => Set<PassageEmbedding>();

    public DbSet<ModelUsage> Usage => Set<ModelUsage>();

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
        => OutreachDatabase.ApplyConventions(this, configurationBuilder);

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        ArgumentNullException.ThrowIfNull(modelBuilder);
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(AgentDbContext).Assembly);
    }
}
