using LeadMarket.Infrastructure.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace LeadMarket.Infrastructure.Auctions;

internal sealed class PurchaseConfiguration : IEntityTypeConfiguration<Purchase>
{
    public void Configure(EntityTypeBuilder<Purchase> b)
    {
        // One share per buyer per lot: the database refuses a second purchase, whatever the code does.
        b.HasIndex(x => new { x.LotId, x.BuyerId }).IsUnique();
        b.HasIndex(x => new { x.BuyerId, x.PurchasedAt });
        // The purchases API pages by unlock time (PurchasedLeads.ListAsync).
        b.HasIndex(x => new { x.BuyerId, x.UnlockedAt });
        b.HasOne<Lot>().WithMany().HasForeignKey(x => x.LotId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<ApplicationUser>().WithMany().HasForeignKey(x => x.BuyerId).OnDelete(DeleteBehavior.Restrict);
    }
}
