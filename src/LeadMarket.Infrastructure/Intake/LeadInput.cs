using LeadMarket.Infrastructure.AfterSale;
using LeadMarket.Domain.Intake;

namespace LeadMarket.Infrastructure.Intake;

/// <summary>One lead as a publisher hands it in (CSV row or API item), before validation.</summary>
public sealed record LeadInput(
    string FirstName,
    string LastName,
    string Email,
    string Phone,
    string Street,
    string PostalCode,
    string City,
    string Country,
    string Language,
    string Need,
    ConsentEvidence Consent)
{
    public LeadContact Contact => new(FirstName, LastName, Email, Phone, Street, PostalCode, City, Country);

    /// <summary>The lead's problems as the Domain's intake rules see them (<see cref="LeadValidation"/>); empty when it may be listed.</summary>
    /// <param name="row">The row it came from (1-based), for the errors.</param>
    public IReadOnlyList<FieldError> Check(int row) => LeadValidation.Check(Contact, Consent, Language, Need, row);

    public override string ToString() => "LeadInput { (personal data redacted) }";
}
