using LeadMarket.Infrastructure.Auctions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace LeadMarket.Infrastructure.Intake;

internal sealed class LeadConfiguration : IEntityTypeConfiguration<Lead>
{
    public void Configure(EntityTypeBuilder<Lead> b)
    {
        b.Property(x => x.Country).HasMaxLength(2);
        b.Property(x => x.PostalArea).HasMaxLength(16);
        b.Property(x => x.Language).HasMaxLength(8);
        b.Property(x => x.Need).HasMaxLength(500);
        b.Property(x => x.ScoreFactors).HasMaxLength(500);
        b.HasOne<LeadBatch>().WithMany().HasForeignKey(x => x.BatchId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Vertical>().WithMany().HasForeignKey(x => x.VerticalId).OnDelete(DeleteBehavior.Restrict);
    }
}
