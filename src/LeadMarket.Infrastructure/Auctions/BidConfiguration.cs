using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace LeadMarket.Infrastructure.Auctions;

internal sealed class BidConfiguration : IEntityTypeConfiguration<Bid>
{
    public void Configure(EntityTypeBuilder<Bid> b)
    {
        b.HasIndex(x => new { x.LotId, x.Sequence }).IsUnique();
        b.Property(x => x.ClientBidId).HasMaxLength(64);
        b.HasIndex(x => new { x.BuyerId, x.ClientBidId }).IsUnique();
        b.HasOne<Lot>().WithMany().HasForeignKey(x => x.LotId).OnDelete(DeleteBehavior.Cascade);
    }
}
