namespace LeadMarket.Web.Resources;

/// <summary>
/// Marker of AdminIntakeText.resx and AdminIntakeText.de.resx: the admin's vertical fields tab and the test
/// (sandbox) keys on the Integrations page.
/// </summary>
public sealed class AdminIntakeText;
