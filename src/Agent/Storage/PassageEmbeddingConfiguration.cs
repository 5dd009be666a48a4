using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Outreach.Agent.Knowledge;

namespace Outreach.Agent.Storage;

internal sealed class PassageEmbeddingConfiguration : IEntityTypeConfiguration<PassageEmbedding>
{
    public void Configure(EntityTypeBuilder<PassageEmbedding> builder)
    {
        builder.ToTable("agent_knowledge_embeddings");
        builder.Property(e => e.ModelId).HasMaxLength(100);
        builder.Property(e => e.TextHash).HasMaxLength(64);
        builder.HasIndex(e => new { e.DocumentId, e.Ordinal, e.ModelId }).IsUnique();
        builder.HasOne<KnowledgeDocument>().WithMany().HasForeignKey(e => e.DocumentId).OnDelete(DeleteBehavior.Cascade);
    }
}
