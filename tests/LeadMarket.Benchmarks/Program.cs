Console.WriteLine("LeadMarket benchmarks: not yet written.");
return 1;
