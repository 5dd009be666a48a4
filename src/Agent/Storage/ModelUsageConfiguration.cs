using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Outreach.Agent.Usage;

namespace Outreach.Agent.Storage;

internal sealed class ModelUsageConfiguration : IEntityTypeConfiguration<ModelUsage>
{
    public void Configure(EntityTypeBuilder<ModelUsage> builder)
    {
        builder.ToTable("agent_model_usage");
        builder.Property(u => u.Purpose).HasMaxLength(32);
        builder.Property(u => u.ModelId).HasMaxLength(100);
        builder.HasIndex(u => u.CampaignId);
        builder.HasIndex(u => u.ConversationId);
    }
}
