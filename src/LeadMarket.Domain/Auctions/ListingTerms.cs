using LeadMarket.Domain.Intake;

namespace LeadMarket.Domain.Auctions;

/// <summary>
/// The terms a publisher lists a batch under, checked before anything is stored: the lot rules of
/// <see cref="AuctionTerms"/> plus the batch's name and running time. The API, the batch page and the listing
/// service all report these errors (row 0; field names as the API's request carries them).
/// </summary>
public static class ListingTerms
{
    public const int MaxNameLength = 200;
    public const int MinDurationSeconds = 30;
    public const int MaxDurationSeconds = 7 * 24 * 3600;

    /// <summary>Every problem with the terms; empty when lots can be listed under them.</summary>
    public static IReadOnlyList<FieldError> Check(string name, SaleMode mode, int shares, decimal reservePrice, long durationSeconds)
    {
        var errors = new List<FieldError>();
        if (string.IsNullOrWhiteSpace(name))
        {
            errors.Add(new FieldError(0, "name", FieldErrorCodes.MissingField, "Give the batch a name of at most 200 characters."));
        }
        else if (name.Trim().Length > MaxNameLength)
        {
            errors.Add(new FieldError(0, "name", FieldErrorCodes.InvalidValue, "Give the batch a name of at most 200 characters."));
        }

        if (!AuctionTerms.IsExclusiveShareCount(mode, shares))
        {
            errors.Add(new FieldError(0, "shares", FieldErrorCodes.InvalidValue, AuctionTerms.ExclusiveSharesMessage));
        }
        else if (!AuctionTerms.IsShareCount(shares))
        {
            errors.Add(new FieldError(0, "shares", FieldErrorCodes.InvalidValue, AuctionTerms.SharesMessage));
        }

        if (!AuctionTerms.IsPrice(reservePrice))
        {
            errors.Add(new FieldError(0, "reservePrice", FieldErrorCodes.InvalidValue, AuctionTerms.ReserveMessage));
        }

        if (durationSeconds is < MinDurationSeconds or > MaxDurationSeconds)
        {
            errors.Add(new FieldError(0, "durationSeconds", FieldErrorCodes.InvalidValue, "The duration must be between 30 seconds and 7 days."));
        }

        return errors;
    }
}
