using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace LeadMarket.Infrastructure.Intake;

internal sealed class BatchRejectionConfiguration : IEntityTypeConfiguration<BatchRejection>
{
    public void Configure(EntityTypeBuilder<BatchRejection> b)
    {
        b.Property(x => x.Field).HasMaxLength(64);
        b.Property(x => x.Code).HasMaxLength(32);
        b.Property(x => x.Message).HasMaxLength(500);
        b.HasIndex(x => new { x.BatchId, x.Row });
        b.HasIndex(x => new { x.BatchId, x.Code });
        b.HasOne<LeadBatch>().WithMany().HasForeignKey(x => x.BatchId).OnDelete(DeleteBehavior.Cascade);
    }
}
