using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace LeadMarket.Infrastructure.Auctions;

internal sealed class VerticalConfiguration : IEntityTypeConfiguration<Vertical>
{
    public void Configure(EntityTypeBuilder<Vertical> b)
    {
        b.Property(x => x.Slug).HasMaxLength(40);
        b.HasIndex(x => x.Slug).IsUnique();
        b.Property(x => x.Name).HasMaxLength(100);
        b.Property(x => x.Currency).HasMaxLength(3);
    }
}
