using LeadMarket.Infrastructure.Auctions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace LeadMarket.Infrastructure.Intake;

internal sealed class VerticalFieldConfiguration : IEntityTypeConfiguration<VerticalField>
{
    public void Configure(EntityTypeBuilder<VerticalField> b)
    {
        b.Property(x => x.Name).HasMaxLength(40);
        b.Property(x => x.Label).HasMaxLength(100);
        b.Property(x => x.Kind).HasConversion<string>().HasMaxLength(16);
        b.Property(x => x.Choices).HasMaxLength(1000);
        b.Property(x => x.MustBe).HasMaxLength(200);
        b.HasIndex(x => new { x.VerticalId, x.Name }).IsUnique();
        b.HasOne<Vertical>().WithMany().HasForeignKey(x => x.VerticalId).OnDelete(DeleteBehavior.Cascade);
    }
}
