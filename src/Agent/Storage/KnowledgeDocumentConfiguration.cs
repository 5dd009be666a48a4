using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Outreach.Agent.Knowledge;

namespace Outreach.Agent.Storage;

internal sealed class KnowledgeDocumentConfiguration : IEntityTypeConfiguration<KnowledgeDocument>
{
    public void Configure(EntityTypeBuilder<KnowledgeDocument> builder)
    {
        builder.ToTable("agent_knowledge");
        builder.Property(d => d.Title).HasMaxLength(KnowledgeLimits.TitleLength);
        builder.Property(d => d.Language).HasMaxLength(16);
        builder.Property(d => d.Markdown).HasMaxLength(KnowledgeLimits.MarkdownLength);
        builder.HasIndex(d => new { d.StreetId, d.CommunityId });
    }
}
