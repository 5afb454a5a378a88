"""Planning statistics: on-time rates per unit and period, charts, Excel, dashboard widgets."""
