// Made-up people only: given and family names are combined at random, so no row describes anyone real.
export const GIVEN_NAMES = [
  'Aaliyah', 'Abdi', 'Adam', 'Aisha', 'Alex', 'Amara', 'Amir', 'Ana', 'Ava', 'Bailey', 'Ben', 'Bilal', 'Caitlin', 'Callum', 'Chloe',
  'Connor', 'Dami', 'Daniel', 'Demi', 'Dylan', 'Ebony', 'Eli', 'Ella', 'Emre', 'Erin', 'Ethan', 'Evie', 'Fatima', 'Finley', 'Freya',
  'Gabriel', 'Grace', 'Habib', 'Hana', 'Harley', 'Harvey', 'Hassan', 'Holly', 'Ibrahim', 'Imani', 'Isaac', 'Isla', 'Jack', 'Jade',
  'Jamal', 'Jayden', 'Jess', 'Jordan', 'Kacper', 'Kai', 'Kayla', 'Keisha', 'Kian', 'Lacey', 'Layla', 'Leah', 'Leo', 'Liam', 'Lily',
  'Logan', 'Luca', 'Maddison', 'Malik', 'Maryam', 'Mason', 'Maya', 'Mia', 'Milan', 'Mohammed', 'Nadia', 'Nathan', 'Niamh', 'Noah',
  'Nuno', 'Olivia', 'Omar', 'Oscar', 'Paige', 'Priya', 'Reece', 'Riley', 'Rosa', 'Ruby', 'Ryan', 'Sam', 'Samir', 'Sara', 'Shannon',
  'Sienna', 'Sofia', 'Tariq', 'Tayo', 'Tia', 'Tomasz', 'Tyler', 'Yasmin', 'Yonas', 'Zainab', 'Zak', 'Zara',
] as const;

export const FAMILY_NAMES = [
  'Adeyemi', 'Ahmed', 'Ali', 'Allen', 'Bailey', 'Baker', 'Begum', 'Bell', 'Bennett', 'Brown', 'Campbell', 'Carter', 'Chen', 'Clarke',
  'Collins', 'Cooper', 'Davies', 'Edwards', 'Evans', 'Fisher', 'Ford', 'Gordon', 'Graham', 'Green', 'Haile', 'Hall', 'Harris', 'Hassan',
  'Hughes', 'Hussain', 'Jackson', 'James', 'Johnson', 'Jones', 'Kaur', 'Khan', 'King', 'Kowalski', 'Lee', 'Lewis', 'Malik', 'Marsh',
  'Martin', 'Mensah', 'Mitchell', 'Moore', 'Morgan', 'Murphy', 'Nowak', 'Okafor', 'Osei', 'Owen', 'Palmer', 'Parker', 'Patel', 'Phillips',
  'Price', 'Rahman', 'Reid', 'Roberts', 'Robinson', 'Rossi', 'Scott', 'Shah', 'Singh', 'Smith', 'Stewart', 'Taylor', 'Tesfaye', 'Thomas',
  'Thompson', 'Turner', 'Walker', 'Ward', 'Watson', 'White', 'Williams', 'Wilson', 'Wood', 'Wright', 'Yilmaz', 'Young',
] as const;

export const STAFF_GIVEN = [
  'Adele', 'Andrew', 'Angela', 'Bola', 'Carla', 'Chris', 'Dan', 'Deborah', 'Emma', 'Farah', 'Gary', 'Helen', 'Ian', 'Jas', 'Joanne',
  'Karen', 'Kwame', 'Laura', 'Lee', 'Marcus', 'Michelle', 'Nasreen', 'Neil', 'Paul', 'Rachel', 'Rob', 'Sally', 'Shabana', 'Simon',
  'Sophie', 'Stuart', 'Tom', 'Victoria', 'Wendy', 'Yusuf',
] as const;
