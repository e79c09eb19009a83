using LeadMarket.Infrastructure.Accounts;
using LeadMarket.Infrastructure.Auctions;
using LeadMarket.Infrastructure.Identity;
using LeadMarket.Infrastructure.Leads;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace LeadMarket.Infrastructure.Data;

internal sealed class BuyerAccountConfiguration : IEntityTypeConfiguration<BuyerAccount>
{
    public void Configure(EntityTypeBuilder<BuyerAccount> b)
    {
        b.HasKey(x => x.UserId);
        b.Ignore(x => x.Credit);
        b.Ignore(x => x.Available);
        b.HasOne<ApplicationUser>().WithOne().HasForeignKey<BuyerAccount>(x => x.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ApiKeyConfiguration : IEntityTypeConfiguration<ApiKey>
{
    public void Configure(EntityTypeBuilder<ApiKey> b)
    {
        b.Property(x => x.Name).HasMaxLength(100);
        b.Property(x => x.Prefix).HasMaxLength(16);
        b.Property(x => x.Hash).HasMaxLength(64);
        b.HasIndex(x => x.Hash).IsUnique();
        b.HasOne<ApplicationUser>().WithMany().HasForeignKey(x => x.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}

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

internal sealed class RoomConfiguration : IEntityTypeConfiguration<Room>
{
    public void Configure(EntityTypeBuilder<Room> b)
    {
        b.Property(x => x.Name).HasMaxLength(100);
        b.Property(x => x.Region).HasMaxLength(20);
        b.HasOne(x => x.Vertical).WithMany().HasForeignKey(x => x.VerticalId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class LeadBatchConfiguration : IEntityTypeConfiguration<LeadBatch>
{
    public void Configure(EntityTypeBuilder<LeadBatch> b)
    {
        b.Property(x => x.Name).HasMaxLength(200);
        b.Property(x => x.SaleMode).HasConversion<string>().HasMaxLength(16);
        b.HasIndex(x => new { x.PublisherId, x.CreatedAt });
        b.HasOne<ApplicationUser>().WithMany().HasForeignKey(x => x.PublisherId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Vertical>().WithMany().HasForeignKey(x => x.VerticalId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Room>().WithMany().HasForeignKey(x => x.RoomId).OnDelete(DeleteBehavior.Restrict);
    }
}

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

internal sealed class LotConfiguration : IEntityTypeConfiguration<Lot>
{
    public void Configure(EntityTypeBuilder<Lot> b)
    {
        b.Property(x => x.SaleMode).HasConversion<string>().HasMaxLength(16);
        b.Property(x => x.Status).HasConversion<string>().HasMaxLength(16);
        b.Property(x => x.Outcome).HasConversion<string>().HasMaxLength(16);
        b.HasIndex(x => new { x.RoomId, x.Status });
        b.HasIndex(x => new { x.Status, x.EndsAt });
        b.HasIndex(x => x.BatchId);
        b.HasOne(x => x.Room).WithMany().HasForeignKey(x => x.RoomId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(x => x.Lead).WithMany().HasForeignKey(x => x.LeadId).OnDelete(DeleteBehavior.Restrict);
    }
}

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
