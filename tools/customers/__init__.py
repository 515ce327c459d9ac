"""Single customers: the top (or bottom) N by a measure, and one customer's summary.

Importing the package registers the tools `top_customers` and `customer_lookup`.
"""

from tools.customers.lookup import customer_lookup
from tools.customers.top import top_customers

__all__ = ["customer_lookup", "top_customers"]
