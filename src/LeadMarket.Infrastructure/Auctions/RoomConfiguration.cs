using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace LeadMarket.Infrastructure.Auctions;

internal sealed class RoomConfiguration : IEntityTypeConfiguration<Room>
{
    public void Configure(EntityTypeBuilder<Room> b)
    {
        b.Property(x => x.Name).HasMaxLength(100);
        b.Property(x => x.Region).HasMaxLength(20);
        b.HasOne(x => x.Vertical).WithMany().HasForeignKey(x => x.VerticalId).OnDelete(DeleteBehavior.Restrict);
    }
}
